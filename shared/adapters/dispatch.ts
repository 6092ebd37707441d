import { isObject, own } from '../event/own.ts';
import type { Origin } from '../event/types.ts';
import { toAuditEvent } from './decode.ts';
import { makeReject } from './reject.ts';
import { sniff } from './registry.ts';
import { emptyResult, type AdapterContext, type AdapterResult } from './types.ts';
import { WEBHOOK_EVENTLIST_ADAPTER } from './webhook-eventlist.ts';

/** Reject name for records read from files; the same name the log-file reader uses. */
export const FILE_ADAPTER = 'logfile';

const FILE_PROVIDER = { provider: 'file' } as const;

/** The formats a file record may be in, for the message when none fits. */
const KNOWN_FORMATS =
  'an audit Event, an EventList, a CloudWatch Logs subscription or Kinesis event, a Pub/Sub push body or CloudEvent, a GKE LogEntry, or AKS diagnostic records';

// Keys only an audit Event has at its top level: no envelope kadet reads carries any of them.
const EVENT_KEYS = ['auditID', 'requestURI', 'verb', 'stage'] as const;

/**
 * The common case (an apiserver log line) and anything that tries to be one, so a broken event is
 * reported by the field that is wrong rather than as an unknown format.
 */
function isPlainAuditEvent(v: unknown): boolean {
  return isObject(v) && own(v, 'kind') !== 'EventList' && (own(v, 'kind') === 'Event' || EVENT_KEYS.some((k) => own(v, k) !== undefined));
}

/**
 * Turns one JSON value read from a file into events, whatever export or trigger format it is in.
 * Events keep the cloud provider an envelope names; bare events and EventLists count as `file`.
 */
export function eventsFromJson(value: unknown, ctx: AdapterContext & { origin: Partial<Origin> }): AdapterResult {
  const where = { file: ctx.origin.file, line: ctx.origin.line };
  if (isPlainAuditEvent(value)) {
    const result = emptyResult();
    const parsed = toAuditEvent(value);
    // Object.assign rather than `{ ...ctx.origin, provider }`: on Node 20 a spread followed by more
    // keys leaves V8's fast clone path and costs ~0.5 µs, once per event of a scanned file.
    if (parsed.ok) result.events.push({ event: parsed.value, origin: Object.assign({}, ctx.origin, FILE_PROVIDER) });
    else result.rejects.push(makeReject(FILE_ADAPTER, where, parsed.reason, value));
    return result;
  }
  const adapter = sniff(value);
  if (!adapter) {
    const result = emptyResult();
    result.rejects.push(makeReject(FILE_ADAPTER, where, `format: not ${KNOWN_FORMATS}`, value));
    return result;
  }
  const result = adapter.parse(value, ctx);
  for (const r of result.rejects) r.where = { ...where, ...r.where };
  for (const e of result.events) {
    e.origin = { ...e.origin, file: where.file, ...(where.line !== undefined ? { line: where.line } : {}) };
    if (adapter.name === WEBHOOK_EVENTLIST_ADAPTER) e.origin.provider = 'file';
  }
  return result;
}
