import { Buffer } from 'node:buffer';

/** A string-to-string transformer; undefined drops the value (as a failed libsinsp transform does). */
export type StringTransform = (s: string) => string | undefined;

const STRICT_B64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** libsinsp's field transformers, by name. `val` is not here: it only marks a right-hand field. */
export const TRANSFORMS: ReadonlyMap<string, StringTransform> = new Map<string, StringTransform>([
  ['tolower', (s) => s.toLowerCase()],
  ['toupper', (s) => s.toUpperCase()],
  // Buffer is lenient with garbage; libsinsp rejects it, so validate first.
  ['b64', (s) => (s.length % 4 === 0 && STRICT_B64.test(s) ? Buffer.from(s, 'base64').toString('utf8') : undefined)],
  ['basename', (s) => (s.endsWith('/') ? '' : s.slice(s.lastIndexOf('/') + 1))],
]);
