import { describeValue, parseJson } from '../adapters/decode.ts';
import { makeReject } from '../adapters/reject.ts';
import { emptyResult, type AdapterContext, type AdapterResult } from '../adapters/types.ts';
import { WEBHOOK_EVENTLIST_ADAPTER, webhookEventListAdapter } from '../adapters/webhook-eventlist.ts';
import { isObject, own } from '../event/own.ts';
import { WebhookRequestError } from './errors.ts';

/** The body's records, and the 400 to answer when nothing in it is an audit event. */
export interface AuditBody {
  result: AdapterResult;
  problem?: WebhookRequestError;
}

// Keys that make an object without `kind` an attempt at an Event (EventList items have no kind).
const EVENT_KEYS = ['auditID', 'stage', 'verb', 'requestURI', 'level'] as const;

/**
 * Reads a webhook body (an EventList, an Event or an array of Events, as Falco's k8saudit accepts).
 * A body with no readable event at all gets a 400 naming why; otherwise bad items are rejects and the
 * rest is evaluated. Either way the rejects are returned, so the pipeline logs and dead-letters them.
 */
export function readAuditBody(bytes: Buffer, ctx: AdapterContext): AuditBody {
  const where = ctx.origin?.cluster === undefined ? {} : { cluster: ctx.origin.cluster };
  const json = parseJson(bytes);
  if (!json.ok) return refused(makeReject(WEBHOOK_EVENTLIST_ADAPTER, where, json.reason, bytes), `the body is not JSON (${json.reason})`);
  const shape = shapeProblem(json.value);
  if (shape !== undefined) return refused(makeReject(WEBHOOK_EVENTLIST_ADAPTER, where, shape, json.value), `the body is not an audit Event or EventList (${shape})`);
  const result = webhookEventListAdapter.parse(json.value, ctx);
  if (result.events.length > 0 || result.rejects.length === 0) return { result };
  const first = result.rejects[0]!.reason;
  const more = result.rejects.length > 1 ? ` (and ${result.rejects.length - 1} more)` : '';
  return { result, problem: badRequest(`no audit event in the body could be read: ${first}${more}`) };
}

/** Why a JSON value is not shaped like a webhook body, or undefined when it is. */
function shapeProblem(v: unknown): string | undefined {
  if (Array.isArray(v)) return undefined;
  if (!isObject(v)) return undefined; // the adapter names it
  const kind = own(v, 'kind');
  if (kind === 'EventList' || kind === 'Event') return undefined;
  if (kind !== undefined) return `envelope: kind: expected EventList or Event, got ${describeValue(kind)}`;
  if (EVENT_KEYS.some((k) => own(v, k) !== undefined)) return undefined;
  return 'envelope: expected an EventList, an Event or an array of Events, got an object with none of kind, auditID, stage, verb';
}

function refused(reject: ReturnType<typeof makeReject>, message: string): AuditBody {
  const result = emptyResult();
  result.rejects.push(reject);
  return { result, problem: badRequest(message) };
}

const badRequest = (message: string): WebhookRequestError => new WebhookRequestError(400, 'BadRequest', message);
