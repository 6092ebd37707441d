import { bytesText } from '../policy/recommend/wording.ts';

/** Rows as columns separated by two spaces; `right` lists the columns aligned right (numbers). */
export function table(header: readonly string[], rows: readonly (readonly string[])[], right: readonly number[] = []): string {
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => (r[c] ?? '').length)));
  const cell = (text: string, c: number, last: boolean): string => (right.includes(c) ? text.padStart(widths[c]!) : last ? text : text.padEnd(widths[c]!));
  return all.map((r) => r.map((text, c) => cell(text, c, c === r.length - 1)).join('  ').trimEnd()).join('\n') + '\n';
}

/** A count with thousands separators. */
export function num(n: number): string {
  return n.toLocaleString('en-US');
}

/** Bytes for people: 812 B, 4.1 kB, 12.3 MB (powers of 1000). */
export const bytes = bytesText;

/** A 0…1 share as a percentage with one decimal. */
export function percent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
