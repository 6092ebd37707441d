/**
 * GKE audit entries as they reach kadet: a log sink publishes each LogEntry as one Pub/Sub message, delivered as
 * - a push body `{message:{data, attributes, messageId|message_id, publishTime|publish_time}, subscription}`
 *   (both spellings occur), which is also the `data` of a binary-mode CloudEvent;
 * - a structured CloudEvent `google.cloud.pubsub.topic.v1.messagePublished` (Cloud Functions gen2 / Eventarc);
 * - plain LogEntry JSON for `kadet scan`: one object, an array (`gcloud logging read --format=json`) or JSON lines.
 * Each message or entry that cannot be read is one Reject whose reason starts with the stage that failed
 * (`envelope`, `base64`, `json`, `logentry`, `event`); entries that are not Kubernetes audit entries are skipped.
 */
import { isObject, own, type JsonObject } from '../event/own.ts';
import type { Origin } from '../event/types.ts';
import { byteLimit, decodeBase64, parseJson } from './decode.ts';
import { convertLogEntry } from './gke-logentry.ts';
import { describeValue } from './gke-read.ts';
import { makeReject, type RejectWhere } from './reject.ts';
import { emptyResult, type Adapter, type AdapterContext, type AdapterResult } from './types.ts';

export const GKE_PUBSUB_ADAPTER = 'gke-pubsub';
export const MESSAGE_PUBLISHED = 'google.cloud.pubsub.topic.v1.messagePublished';

/** One parse call's state: where results go, the size cap and the caller's origin. */
interface Run {
  out: AdapterResult;
  cap: number;
  origin: Partial<Origin>;
}

/** Parses a push body, CloudEvent, LogEntry, array of either, or their text (JSON or JSON lines). Never throws. */
function parse(payload: unknown, ctx: AdapterContext = {}): AdapterResult {
  const run: Run = { out: emptyResult(), cap: byteLimit(ctx), origin: ctx.origin ?? {} };
  const at: RejectWhere = ctx.file !== undefined ? { file: ctx.file } : {};
  try {
    if (typeof payload === 'string' || Buffer.isBuffer(payload)) readText(run, payload, at);
    else if (Array.isArray(payload)) payload.forEach((v, i) => readValue(run, v, { ...at, record: i }));
    else readValue(run, payload, at);
  } catch (err) {
    // Unreachable by design; kept so a bug becomes a visible reject rather than a failed invocation.
    reject(run, at, `envelope: unexpected ${String(err)}`, payload);
  }
  return run.out;
}

function readText(run: Run, payload: string | Buffer, at: RejectWhere): void {
  const bytes = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
  if (bytes > run.cap) return reject(run, at, `json: input is ${bytes} bytes, over the ${run.cap}-byte limit`, head(payload, 256));
  const text = (typeof payload === 'string' ? payload : payload.toString('utf8')).replace(/^\uFEFF/, '');
  if (text.trim() === '') return;
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch (err) {
    // A document that opens an array is one JSON value, not JSON lines: one reject for it.
    if (text.trimStart().startsWith('[')) return reject(run, at, `json: ${(err as Error).message}`, text);
    return readJsonLines(run, text, at);
  }
  if (Array.isArray(whole)) whole.forEach((v, i) => readValue(run, v, { ...at, record: i }));
  else readValue(run, whole, at);
}

function readJsonLines(run: Run, text: string, at: RejectWhere): void {
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const where = { ...at, line: i + 1 };
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      return reject(run, where, `json: ${(err as Error).message}`, line);
    }
    readValue(run, value, where);
  });
}

/** Dispatches one JSON value by shape: CloudEvent, push body, bare Pub/Sub message, else a LogEntry. */
function readValue(run: Run, v: unknown, at: RejectWhere): void {
  if (isObject(v) && typeof own(v, 'specversion') === 'string') return readCloudEvent(run, v, at);
  if (isObject(v) && own(v, 'message') !== undefined) return readPushBody(run, v, at);
  if (isObject(v) && typeof own(v, 'data') === 'string' && messageIdOf(v) !== undefined) return readMessage(run, v, at);
  readEntry(run, v, at, v);
}

function readCloudEvent(run: Run, ce: JsonObject, at: RejectWhere): void {
  const type = own(ce, 'type');
  if (type !== MESSAGE_PUBLISHED) return reject(run, at, `envelope: type: expected ${MESSAGE_PUBLISHED}, got ${describeValue(type)}`, ce);
  const data = own(ce, 'data');
  if (!isObject(data)) return reject(run, at, `envelope: data: expected {message, subscription}, got ${describeValue(data)}`, ce);
  const id = own(ce, 'id');
  readPushBody(run, data, typeof id === 'string' ? { ...at, messageId: id } : at);
}

function readPushBody(run: Run, body: JsonObject, at: RejectWhere): void {
  const message = own(body, 'message');
  if (!isObject(message)) return reject(run, at, `envelope: message: expected an object, got ${describeValue(message)}`, body);
  readMessage(run, message, at);
}

function readMessage(run: Run, message: JsonObject, at: RejectWhere): void {
  const id = messageIdOf(message);
  const where: RejectWhere = id !== undefined ? { ...at, messageId: id } : at;
  const data = own(message, 'data');
  if (typeof data !== 'string') return reject(run, where, `envelope: message.data: expected a base64 string, got ${describeValue(data)}`, message);
  const bytes = decodeBase64(data, run.cap);
  if (!bytes.ok) return reject(run, where, bytes.reason, data);
  const json = parseJson(bytes.value);
  if (!json.ok) return reject(run, where, json.reason, bytes.value);
  const value = json.value;
  // A sink publishes one entry per message; an array is read entry by entry rather than refused,
  // but an empty one would vanish without trace, so it is a reject.
  if (Array.isArray(value) && value.length === 0) return reject(run, where, 'logentry: expected a LogEntry, got an empty array', bytes.value);
  if (Array.isArray(value)) value.forEach((e, i) => readEntry(run, e, { ...where, record: i }, e));
  else readEntry(run, value, where, value);
}

function readEntry(run: Run, entry: unknown, at: RejectWhere, raw: unknown): void {
  const { record: _record, ...coords } = at;
  const result = convertLogEntry(entry, { ...run.origin, ...coords });
  if (result.kind === 'event') run.out.events.push(result.event);
  else if (result.kind === 'skip') run.out.skipped++;
  else reject(run, at, result.reason, raw);
}

function reject(run: Run, where: RejectWhere, reason: string, raw: unknown): void {
  run.out.rejects.push(makeReject(GKE_PUBSUB_ADAPTER, where, reason, raw));
}

function messageIdOf(message: JsonObject): string | undefined {
  const id = own(message, 'messageId') ?? own(message, 'message_id');
  return typeof id === 'string' && id !== '' ? id : undefined;
}

const TEXT_SNIFF = 64 * 1024;

/** True for a push body, a messagePublished CloudEvent, or text holding GKE LogEntries or push bodies. */
function matches(payload: unknown): boolean {
  if (isObject(payload)) {
    if (own(payload, 'specversion') !== undefined) return own(payload, 'type') === MESSAGE_PUBLISHED;
    const message = own(payload, 'message');
    return isObject(message) && (typeof own(message, 'data') === 'string' || messageIdOf(message) !== undefined);
  }
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return false;
  const text = head(payload, TEXT_SNIFF);
  return /"protoPayload"\s*:/.test(text) || (/"subscription"\s*:/.test(text) && /"message(?:Id|_id)"\s*:/.test(text));
}

const head = (payload: string | Buffer, n: number): string => (typeof payload === 'string' ? payload.slice(0, n) : payload.subarray(0, n).toString('utf8'));

/** GKE audit logs from Pub/Sub (push or CloudEvent) and LogEntry exports. */
export const gkePubSubAdapter: Adapter = { name: GKE_PUBSUB_ADAPTER, matches, parse };
