import type { TimeRange } from './time-range.ts';

/** Splits [start, end) into consecutive pieces of at most `chunkMs`, aligned to `start`. */
export function splitRange(range: TimeRange, chunkMs: number): TimeRange[] {
  if (!(chunkMs > 0)) throw new RangeError('chunk size must be positive');
  const out: TimeRange[] = [];
  for (let s = range.startMs; s < range.endMs; s += chunkMs) out.push({ startMs: s, endMs: Math.min(s + chunkMs, range.endMs) });
  return out;
}

/** The two halves of a range (for a query that hit a result-size limit); undefined when it cannot shrink. */
export function halve(range: TimeRange, minMs = 1000): [TimeRange, TimeRange] | undefined {
  const span = range.endMs - range.startMs;
  if (span < 2 * minMs) return undefined;
  const mid = range.startMs + Math.floor(span / 2);
  return [
    { startMs: range.startMs, endMs: mid },
    { startMs: mid, endMs: range.endMs },
  ];
}
