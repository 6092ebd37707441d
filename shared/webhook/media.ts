import { WebhookRequestError } from './errors.ts';

export type ContentEncoding = 'identity' | 'gzip';

// What may be echoed back: a plain media type or coding name; anything else is not repeated.
const ECHOABLE = /^[a-z0-9!#$&^_.+-]{1,40}(?:\/[a-z0-9!#$&^_.+-]{1,60})?$/;
const shown = (v: string): string => (ECHOABLE.test(v) ? `"${v}"` : 'this value');

/**
 * Throws 415 unless the media type is JSON (`application/json` or `application/*+json`, any parameters).
 * A missing Content-Type is let through: the body is parsed as JSON anyway and anything else is a 400.
 */
export function checkContentType(value: string | undefined): void {
  if (value === undefined || value.trim() === '') return;
  const type = (value.split(';')[0] ?? '').trim().toLowerCase();
  if (type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type)) return;
  throw new WebhookRequestError(415, 'UnsupportedMediaType', `Content-Type ${shown(type)} is not supported: send application/json (an audit EventList, an Event or an array of Events)`);
}

/** The body's Content-Encoding: identity or gzip; anything else (deflate, br, stacked codings) is 415. */
export function contentEncoding(value: string | undefined): ContentEncoding {
  const codings = (value ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  if (codings.length === 0) return 'identity';
  if (codings.length === 1 && (codings[0] === 'gzip' || codings[0] === 'x-gzip')) return 'gzip';
  throw new WebhookRequestError(415, 'UnsupportedMediaType', `Content-Encoding ${shown(codings.join(','))} is not supported: send gzip or no encoding`);
}
