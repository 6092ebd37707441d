import { isObject, own } from '../event/own.ts';
import type { Origin } from '../event/types.ts';
import { describeValue, parseAuditJson, parseJson, toAuditEvent, type Decoded } from './decode.ts';
import { makeReject, type RejectWhere } from './reject.ts';
import { emptyResult, type Adapter, type AdapterContext, type AdapterResult } from './types.ts';

export const AKS_EVENTHUB_ADAPTER = 'aks-eventhub';

/** Diagnostic categories that carry audit events; every other category on the hub is skipped. */
export const AKS_AUDIT_CATEGORIES: ReadonlySet<string> = new Set(['kube-audit', 'kube-audit-admin']);

/** What AKS writes instead of a record too big to forward; the event is lost, so it is a Reject with this reason. */
export const AKS_TOO_BIG = 'skipped-too-big-size-object';

// Azure upper-cases the whole resourceId; names are case-insensitive, so the origin uses lower case.
const CLUSTER_ID = /^\/subscriptions\/([^/]+)\/resourcegroups\/([^/]+)\/providers\/microsoft\.containerservice\/managedclusters\/([^/]+)$/i;

/**
 * An AKS origin also keeps the record's `resourceId` verbatim: Azure upper-cases it, so the cluster's
 * original spelling is lost, and the lower-cased `cluster`/`resourceGroup`/`account` are canonical.
 */
export interface AksOrigin extends Origin {
  resourceId?: string;
}

/** Event Hub coordinates of the batch's message `index` (trigger metadata arrays are aligned to messages). */
function eventHubCoordinates(ctx: AdapterContext, index: number): Partial<Origin> {
  const at: Partial<Origin> = {};
  const hub = ctx.eventHub;
  if (hub?.partitionId !== undefined) at.partition = hub.partitionId;
  const seq = hub?.sequenceNumbers?.[index];
  if (seq !== undefined) at.sequenceNumber = String(seq);
  const offset = hub?.offsets?.[index];
  if (offset !== undefined) at.offset = String(offset);
  return at;
}

/** Where a message's rejects point: its Event Hub coordinates, plus the file when read by `kadet scan`. */
function messageWhere(ctx: AdapterContext, index: number): RejectWhere {
  const at = eventHubCoordinates(ctx, index);
  return ctx.file === undefined ? at : { ...at, file: ctx.file };
}

/** An Event Hub message body as the trigger may hand it: parsed JSON, a JSON string, or bytes. */
function body(message: unknown): Decoded<unknown> {
  if (typeof message === 'string') return parseJson(message);
  if (message instanceof Uint8Array) return parseJson(Buffer.from(message.buffer, message.byteOffset, message.byteLength));
  return { ok: true, value: message };
}

function clusterOrigin(record: Record<string, unknown>, base: AksOrigin): AksOrigin {
  const origin: AksOrigin = { ...base };
  const resourceId = own(record, 'resourceId');
  const location = own(record, 'location');
  if (typeof location === 'string' && location !== '') origin.region = location;
  if (typeof resourceId !== 'string') return origin;
  origin.resourceId = resourceId;
  const m = CLUSTER_ID.exec(resourceId);
  if (m) {
    origin.account = m[1]!.toLowerCase();
    origin.resourceGroup = m[2]!.toLowerCase();
    origin.cluster = m[3]!.toLowerCase();
  }
  return origin;
}

function readRecord(record: unknown, where: RejectWhere, base: AksOrigin, result: AdapterResult): void {
  const reject = (reason: string, raw: unknown): void => void result.rejects.push(makeReject(AKS_EVENTHUB_ADAPTER, where, reason, raw));
  if (!isObject(record)) return reject(`envelope: expected a diagnostic record object, got ${describeValue(record)}`, record);
  const category = own(record, 'category');
  if (typeof category !== 'string') return reject(`envelope: category: expected a string, got ${describeValue(category)}`, record);
  if (!AKS_AUDIT_CATEGORIES.has(category)) {
    result.skipped++;
    return;
  }
  const properties = own(record, 'properties');
  const log = isObject(properties) ? own(properties, 'log') : undefined;
  if (typeof log === 'string' && log.trim() === AKS_TOO_BIG) {
    return reject(`${AKS_TOO_BIG}: AKS dropped this ${category} event for its size`, record);
  }
  if (typeof log !== 'string' && !isObject(log)) {
    return reject(`envelope: properties.log: expected a JSON string or an object, got ${describeValue(log)}`, record);
  }
  const event = typeof log === 'string' ? parseAuditJson(log) : toAuditEvent(log);
  if (!event.ok) return reject(event.reason, log);
  result.events.push({ event: event.value, origin: clusterOrigin(record, base) });
}

function readMessage(message: unknown, index: number, ctx: AdapterContext, result: AdapterResult): void {
  const where = messageWhere(ctx, index);
  const decoded = body(message);
  if (!decoded.ok) return void result.rejects.push(makeReject(AKS_EVENTHUB_ADAPTER, where, decoded.reason, message));
  const records = isObject(decoded.value) ? own(decoded.value, 'records') : undefined;
  if (!Array.isArray(records)) {
    const reason = `envelope: expected {records: [...]}, got ${describeValue(isObject(decoded.value) ? records : decoded.value)}`;
    return void result.rejects.push(makeReject(AKS_EVENTHUB_ADAPTER, where, reason, decoded.value));
  }
  const base: AksOrigin = { ...ctx.origin, provider: 'aks', ...eventHubCoordinates(ctx, index) };
  records.forEach((record: unknown, i) => readRecord(record, { ...where, record: i }, base, result));
}

/** Event Hub message(s): one body, an array of bodies (cardinality many), or a JSON string / bytes of either. */
function messagesOf(payload: unknown): Decoded<unknown[]> {
  const decoded = body(payload);
  if (!decoded.ok) return decoded;
  return { ok: true, value: Array.isArray(decoded.value) ? decoded.value : [decoded.value] };
}

function looksLikeBody(v: unknown): boolean {
  const records = isObject(v) ? own(v, 'records') : undefined;
  if (!Array.isArray(records) || records.length === 0) return false;
  const first: unknown = records[0];
  return isObject(first) && typeof own(first, 'category') === 'string' && (typeof own(first, 'resourceId') === 'string' || isObject(own(first, 'properties')));
}

/** AKS diagnostic-setting records from Event Hub (Azure Functions v4 trigger, cardinality many). */
export const aksEventHubAdapter: Adapter = {
  name: AKS_EVENTHUB_ADAPTER,
  matches: (payload) => (Array.isArray(payload) ? payload.length > 0 && looksLikeBody(payload[0]) : looksLikeBody(payload)),
  parse(payload, ctx = {}) {
    const result = emptyResult();
    const messages = messagesOf(payload);
    if (!messages.ok) {
      result.rejects.push(makeReject(AKS_EVENTHUB_ADAPTER, messageWhere(ctx, 0), messages.reason, payload));
      return result;
    }
    messages.value.forEach((message, i) => readMessage(message, i, ctx, result));
    return result;
  },
};
