import { gunzipSync } from 'node:zlib';
import { decodeBase64 } from '../adapters/decode.ts';
import { WebhookRequestError } from './errors.ts';
import type { ContentEncoding } from './media.ts';

/** Default body limit for `kadet serve`: the apiserver's truncation batch size, so truncated batches always fit. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

/** The apiserver's default --audit-webhook-truncate-max-batch-size (10 MB), for the 413 advice. */
const APISERVER_TRUNCATE_BATCH_DEFAULT = 10_485_760;

/**
 * 413 saying how to make the apiserver send less: its batch is 400 events by default and not truncated,
 * so a RequestResponse batch can be many megabytes. The apiserver does not retry a 413; the batch is dropped.
 */
export function tooLarge(maxBodyBytes: number, what = 'request body'): WebhookRequestError {
  return new WebhookRequestError(
    413,
    'RequestEntityTooLarge',
    `${what} is larger than the ${maxBodyBytes}-byte limit. Make the kube-apiserver send smaller batches: lower ` +
      `--audit-webhook-batch-max-size (default 400 events), or set --audit-webhook-truncate-enabled=true with ` +
      `--audit-webhook-truncate-max-batch-size below ${maxBodyBytes} (default ${APISERVER_TRUNCATE_BATCH_DEFAULT}); ` +
      `or raise the limit (KADET_WEBHOOK_MAX_BODY_BYTES for the function, --max-body-bytes for kadet serve).`,
  );
}

/** The JSON bytes of a request: base64 undone, size checked, gunzipped with the same cap. */
export function decodeBody(body: Buffer, isBase64: boolean, encoding: ContentEncoding, maxBodyBytes: number): Buffer {
  let bytes = body;
  if (isBase64) {
    // No cap here: the decoded bytes are smaller than the text already in memory; the size check below makes it a 413.
    const decoded = decodeBase64(body.toString('latin1').trim(), Number.MAX_SAFE_INTEGER);
    if (!decoded.ok) throw new WebhookRequestError(400, 'BadRequest', `the body is marked base64 but is not: ${decoded.reason}`);
    bytes = decoded.value;
  }
  if (bytes.length > maxBodyBytes) throw tooLarge(maxBodyBytes);
  return encoding === 'gzip' ? gunzipCapped(bytes, maxBodyBytes) : bytes;
}

/** Gunzip whose output stops at the limit, so a small gzip bomb is a 413 and not an out-of-memory. */
function gunzipCapped(bytes: Buffer, maxBodyBytes: number): Buffer {
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBodyBytes });
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(maxBodyBytes, 'the decompressed request body');
    throw new WebhookRequestError(400, 'BadRequest', `Content-Encoding is gzip but the body does not gunzip: ${(err as Error).message}`);
  }
}
