import { ConditionError } from '../errors.ts';

const SIMPLE: Readonly<Record<string, string>> = {
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  '\\': '\\',
  '/': '/',
  // libsinsp reads `\ ` as a backslash (kept for old, wrongly escaped Falco rules).
  ' ': '\\',
};

/**
 * Decodes the body of a quoted string the way libsinsp does; `quote` is the delimiter, which is
 * the only quote character that may be escaped. `at` is the offset of the opening quote.
 */
export function unescape(body: string, quote: '"' | "'", at: number, src?: unknown): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i] ?? '';
    const simple = SIMPLE[e];
    if (simple !== undefined) out += simple;
    else if (e === quote) out += e;
    else {
      const what = e === '"' || e === "'" ? `invalid \\${e} escape in ${quote}-quoted string` : `unsupported string escape sequence: \\${e}`;
      throw new ConditionError(what, 'bad-escape', at + i, src);
    }
  }
  return out;
}
