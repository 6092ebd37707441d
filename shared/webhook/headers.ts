import type { HeaderValue } from './types.ts';

/**
 * A header by case-insensitive name. Repeated values are joined with ", " as HTTP allows, so a
 * duplicated Authorization header can never match a token.
 */
export function header(headers: Readonly<Record<string, HeaderValue>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() !== wanted || v === undefined) continue;
    if (typeof v === 'string') values.push(v);
    else values.push(...v);
  }
  return values.length === 0 ? undefined : values.join(', ');
}
