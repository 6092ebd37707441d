import { constants as bufferConstants } from 'node:buffer';
import { gunzipSync } from 'node:zlib';
import { EventValidationError } from '../event/errors.ts';
import { isObject, own } from '../event/own.ts';
import { parseAuditEvent } from '../event/parse.ts';
import type { AuditEvent } from '../event/types.ts';
import { DEFAULT_MAX_DECOMPRESSED_BYTES, type AdapterContext } from './types.ts';

/** The step of decoding that failed; it is the first word of the Reject reason. */
export type DecodeStage = 'base64' | 'gunzip' | 'json' | 'event';

/** A decoded value, or the stage that failed and why (as `<stage>: <why>`, ready to be a Reject reason). */
export type Decoded<T> = { ok: true; value: T } | { ok: false; stage: DecodeStage; reason: string };

const failed = (stage: DecodeStage, why: string): { ok: false; stage: DecodeStage; reason: string } => ({
  ok: false,
  stage,
  reason: `${stage}: ${why}`,
});

// Standard alphabet, padded: what CloudWatch Logs, Kinesis and Pub/Sub emit. Buffer.from alone
// silently skips bad characters, so corrupted data would decode to garbage instead of failing here.
const BASE64 = /^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The byte cap for this invocation: ctx.maxDecompressedBytes when it is a usable size, else the default. */
export function byteLimit(ctx?: AdapterContext): number {
  const n = ctx?.maxDecompressedBytes;
  // zlib throws a RangeError outside [1, MAX_LENGTH]; adapters must not throw, so bad config falls back.
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) return DEFAULT_MAX_DECOMPRESSED_BYTES;
  return Math.min(n, bufferConstants.MAX_LENGTH);
}

/** Strict base64 → bytes, refusing input whose decoded size would exceed `maxBytes` before decoding it. */
export function decodeBase64(text: string, maxBytes: number): Decoded<Buffer> {
  if (text.length % 4 !== 0) return failed('base64', `length ${text.length} is not a multiple of 4`);
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = (text.length / 4) * 3 - padding;
  if (bytes > maxBytes) return failed('base64', `decodes to ${bytes} bytes, over the ${maxBytes}-byte limit`);
  if (!BASE64.test(text)) return failed('base64', 'not standard padded base64');
  return { ok: true, value: Buffer.from(text, 'base64') };
}

/** Gunzips with an output cap, so a gzip bomb fails at `maxBytes` instead of exhausting memory. */
export function gunzip(bytes: Buffer, maxBytes: number): Decoded<Buffer> {
  try {
    return { ok: true, value: gunzipSync(bytes, { maxOutputLength: maxBytes }) };
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') {
      return failed('gunzip', `output exceeds the ${maxBytes}-byte limit`);
    }
    return failed('gunzip', (err as Error).message);
  }
}

/** JSON.parse of UTF-8 bytes or text, as a result instead of an exception. */
export function parseJson(input: Buffer | string): Decoded<unknown> {
  try {
    return { ok: true, value: JSON.parse(typeof input === 'string' ? input : input.toString('utf8')) };
  } catch (err) {
    return failed('json', (err as Error).message);
  }
}

/** Validates JSON as an audit Event without mutating the caller's object (v1beta1 is normalised on a copy). */
export function toAuditEvent(value: unknown): Decoded<AuditEvent> {
  // parseAuditEvent rewrites v1beta1 events in place; a shallow copy keeps adapters pure.
  const input = isObject(value) && own(value, 'apiVersion') === 'audit.k8s.io/v1beta1' ? { ...value } : value;
  try {
    return { ok: true, value: parseAuditEvent(input) };
  } catch (err) {
    if (err instanceof EventValidationError) return failed('event', err.message);
    return failed('event', `unexpected ${String(err)}`);
  }
}

/** JSON text → audit Event, naming the stage (`json` or `event`) that failed. */
export function parseAuditJson(text: string): Decoded<AuditEvent> {
  const json = parseJson(text);
  return json.ok ? toAuditEvent(json.value) : json;
}

/** A short description of an unexpected value for a reason text (`an array`, `number 5`, …). */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return Buffer.isBuffer(v) ? 'bytes' : 'an object';
  return `${typeof v} ${(typeof v === 'string' ? JSON.stringify(v) : String(v)).slice(0, 40)}`;
}
