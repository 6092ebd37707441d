// `--since 24h|90m|7d` or `--start T [--end T]` (RFC 3339) → a half-open range [start, end) in epoch ms.
import { ReplayUsageError } from './errors.ts';

/** A half-open time range [startMs, endMs) in epoch milliseconds. */
export interface TimeRange {
  startMs: number;
  endMs: number;
}

export interface TimeRangeOptions {
  since?: string;
  start?: string;
  end?: string;
  /** Without --end: how far before now to stop (`0` for none); default DEFAULT_SETTLE. */
  settle?: string;
}

/**
 * Without --end, a range stops this long before now: CloudWatch Logs, Cloud Logging and Log Analytics
 * take seconds to minutes to make an event readable, and a checkpointed catch-up run that read up to
 * "now" would pass over events stamped before its end that arrive after it.
 */
export const DEFAULT_SETTLE = '5m';

const UNIT_MS: ReadonlyMap<string, number> = new Map([
  ['s', 1000],
  ['m', 60_000],
  ['h', 3_600_000],
  ['d', 86_400_000],
  ['w', 7 * 86_400_000],
]);

/** Log stores keep months at most; a typo like 9999d should fail here, not page through years of nothing. */
export const MAX_RANGE_MS = 400 * 86_400_000;

// RFC 3339 date-time: the `T` (or space, as RFC 3339 allows) and an explicit offset are required.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** `90m`, `24h`, `7d`, `2w`, `30s` (or a sum such as `1d12h`) → milliseconds; throws on anything else. */
export function parseDuration(text: string, option = '--since'): number {
  const t = text.trim();
  const parts = [...t.matchAll(/(\d+)([smhdw])/g)];
  if (t === '' || parts.map((m) => m[0]).join('') !== t) {
    throw new ReplayUsageError(option, `expected a duration like 90m, 24h or 7d, got "${text}"`);
  }
  const ms = parts.reduce((sum, m) => sum + Number(m[1]) * UNIT_MS.get(m[2]!)!, 0);
  if (ms <= 0) throw new ReplayUsageError(option, `duration must be more than zero, got "${text}"`);
  return ms;
}

/** An RFC 3339 timestamp (`2026-11-20T09:00:00Z`, `…+02:00`, fractional seconds allowed) → epoch ms. */
export function parseTimestamp(text: string, option: string): number {
  const m = RFC3339.exec(text.trim());
  // Date.parse alone accepts "2026-02-30" (rolls over) and local-time forms; check the fields it normalised.
  const ms = m ? Date.parse(text.trim().replace(' ', 'T')) : Number.NaN;
  if (!m || Number.isNaN(ms) || !sameCalendarDay(m, ms)) {
    throw new ReplayUsageError(option, `expected an RFC 3339 time like 2026-11-20T09:00:00Z, got "${text}"`);
  }
  return ms;
}

function sameCalendarDay(m: RegExpExecArray, ms: number): boolean {
  const offset = m[8]!.toUpperCase() === 'Z' ? 0 : (m[8]!.startsWith('-') ? -1 : 1) * (Number(m[8]!.slice(1, 3)) * 60 + Number(m[8]!.slice(4, 6)));
  const local = new Date(ms + offset * 60_000);
  return local.getUTCFullYear() === Number(m[1]) && local.getUTCMonth() + 1 === Number(m[2]) && local.getUTCDate() === Number(m[3]) && Number(m[4]) < 24;
}

/** Validates the option combination and returns the range; `now` is injectable for tests. */
export function resolveTimeRange(opts: TimeRangeOptions, now: number = Date.now()): TimeRange {
  if (opts.since !== undefined && opts.start !== undefined) throw new ReplayUsageError('--since', 'use either --since or --start, not both');
  if (opts.since === undefined && opts.start === undefined) throw new ReplayUsageError('--since', 'a time range is required: --since 24h, or --start T [--end T]');
  const settleMs = opts.settle?.trim() === '0' ? 0 : parseDuration(opts.settle ?? DEFAULT_SETTLE, '--settle');
  const endMs = opts.end !== undefined ? parseTimestamp(opts.end, '--end') : now - settleMs;
  const startMs = opts.since !== undefined ? endMs - parseDuration(opts.since) : parseTimestamp(opts.start!, '--start');
  if (startMs >= endMs) throw new ReplayUsageError(opts.since !== undefined ? '--since' : '--start', `the range is empty: start ${iso(startMs)} is not before end ${iso(endMs)}`);
  if (endMs - startMs > MAX_RANGE_MS) throw new ReplayUsageError(opts.since !== undefined ? '--since' : '--start', `the range is longer than ${MAX_RANGE_MS / 86_400_000} days`);
  return { startMs, endMs };
}

/** Epoch ms → `2026-11-20T09:00:00.000Z`. */
export const iso = (ms: number): string => new Date(ms).toISOString();
