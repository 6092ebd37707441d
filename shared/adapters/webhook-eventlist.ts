import { isObject, own } from '../event/own.ts';
import type { AuditEvent, EventList, Origin } from '../event/types.ts';
import { describeValue, toAuditEvent } from './decode.ts';
import { makeReject, type RejectWhere } from './reject.ts';
import { emptyResult, type Adapter, type AdapterContext, type AdapterResult } from './types.ts';

export const WEBHOOK_EVENTLIST_ADAPTER = 'webhook-eventlist';

const LIST_VERSIONS: ReadonlySet<string> = new Set(['audit.k8s.io/v1', 'audit.k8s.io/v1beta1']);

type Items = { ok: true; items: unknown[] } | { ok: false; reason: string };

/**
 * The apiserver omits kind/apiVersion on EventList items; restoring them from the list makes each item a
 * self-describing Event (as the log backend writes it) and lets v1beta1 items be normalised to v1.
 */
function withTypeMeta(item: unknown, apiVersion: string): unknown {
  return isObject(item) ? { kind: 'Event', apiVersion, ...item } : item;
}

/** The records of a webhook body: an EventList's items, an array of Events, or one Event. */
function itemsOf(payload: unknown): Items {
  if (Array.isArray(payload)) return { ok: true, items: payload };
  if (!isObject(payload)) return { ok: false, reason: `envelope: expected an EventList, an Event or an array of Events, got ${describeValue(payload)}` };
  if (own(payload, 'kind') !== 'EventList') return { ok: true, items: [payload] };
  const version = own(payload, 'apiVersion') ?? 'audit.k8s.io/v1';
  if (typeof version !== 'string' || !LIST_VERSIONS.has(version)) {
    return { ok: false, reason: `envelope: EventList apiVersion: expected audit.k8s.io/v1 or v1beta1, got ${describeValue(version)}` };
  }
  const items = own(payload, 'items');
  // Go encodes an empty batch's nil slice as null.
  if (items === null || items === undefined) return { ok: true, items: [] };
  if (!Array.isArray(items)) return { ok: false, reason: `envelope: EventList items: expected an array, got ${describeValue(items)}` };
  return { ok: true, items: items.map((item: unknown) => withTypeMeta(item, version)) };
}

/** Parses a webhook body; the cluster comes from ctx.origin (the request path or query), never from the body. */
function parseWebhookBody(payload: unknown, ctx: AdapterContext = {}): AdapterResult {
  const result = emptyResult();
  const base: Origin = { ...ctx.origin, provider: 'onprem' };
  const where: RejectWhere = {};
  if (base.cluster !== undefined) where.cluster = base.cluster;
  if (ctx.file !== undefined) where.file = ctx.file;
  const items = itemsOf(payload);
  if (!items.ok) {
    result.rejects.push(makeReject(WEBHOOK_EVENTLIST_ADAPTER, where, items.reason, payload));
    return result;
  }
  items.items.forEach((item, record) => {
    const event = toAuditEvent(item);
    if (event.ok) result.events.push({ event: event.value, origin: { ...base } });
    else result.rejects.push(makeReject(WEBHOOK_EVENTLIST_ADAPTER, { ...where, record }, event.reason, item));
  });
  return result;
}

/** Shaped like one audit Event: kind Event, or the identifying fields without kind (EventList items). */
function looksLikeEvent(v: unknown): boolean {
  if (!isObject(v)) return false;
  return own(v, 'kind') === 'Event' || (typeof own(v, 'auditID') === 'string' && typeof own(v, 'stage') === 'string');
}

function isWebhookBody(payload: unknown): boolean {
  if (Array.isArray(payload)) return payload.length > 0 && looksLikeEvent(payload[0]);
  return isObject(payload) && (own(payload, 'kind') === 'EventList' || looksLikeEvent(payload));
}

/** The apiserver audit webhook backend's body (and what Falco's k8saudit webhook accepts). */
export const webhookEventListAdapter: Adapter = {
  name: WEBHOOK_EVENTLIST_ADAPTER,
  matches: isWebhookBody,
  parse: parseWebhookBody,
};

/** The EventList the apiserver's webhook backend would POST for these events (items without kind/apiVersion). */
export function toEventList(events: readonly AuditEvent[]): EventList {
  const items = events.map(({ kind: _kind, apiVersion: _apiVersion, ...rest }) => rest as AuditEvent);
  return { kind: 'EventList', apiVersion: 'audit.k8s.io/v1', metadata: {}, items };
}
