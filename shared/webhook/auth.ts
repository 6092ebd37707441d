import { createHash, timingSafeEqual } from 'node:crypto';
import { WebhookRequestError } from './errors.ts';
import { header } from './headers.ts';
import type { HeaderValue } from './types.ts';

const CHALLENGE = { 'www-authenticate': 'Bearer realm="kadet"' };

/**
 * True when `given` equals `expected`, in time independent of where they differ: both are hashed to
 * equal-length digests first, because timingSafeEqual needs equal lengths and a length check would leak.
 */
export function tokenMatches(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive), or undefined. */
export function bearerToken(value: string | undefined): string | undefined {
  const m = value === undefined ? null : /^Bearer[ ]+(\S+)[ ]*$/i.exec(value);
  return m?.[1];
}

/**
 * Throws 401 unless the request carries the expected bearer token (the apiserver sends the kubeconfig's
 * users[].user.token this way). Messages say what is wrong, never what was sent.
 */
export function authorize(headers: Readonly<Record<string, HeaderValue>>, expected: string | undefined): void {
  if (expected === undefined) return;
  const given = bearerToken(header(headers, 'authorization'));
  if (given === undefined) throw new WebhookRequestError(401, 'Unauthorized', 'missing "Authorization: Bearer <token>" header', CHALLENGE);
  if (!tokenMatches(given, expected)) throw new WebhookRequestError(401, 'Unauthorized', 'the bearer token is not valid', CHALLENGE);
}
