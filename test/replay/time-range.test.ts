import { describe, expect, it } from 'vitest';
import { ReplayUsageError } from '../../shared/replay/errors.ts';
import { parseDuration, parseTimestamp, resolveTimeRange } from '../../shared/replay/time-range.ts';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const H = 3_600_000;

describe('parseDuration', () => {
  it.each([
    ['90m', 90 * 60_000],
    ['24h', 24 * H],
    ['7d', 7 * 24 * H],
    ['2w', 14 * 24 * H],
    ['30s', 30_000],
    ['1d12h', 36 * H],
  ])('reads %s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '24', 'h', '1.5h', '-1h', '24 h', '1y', '0h', '24hours', 'h24'])('rejects "%s" with a usage error naming --since', (text) => {
    expect(() => parseDuration(text)).toThrow(ReplayUsageError);
    expect(() => parseDuration(text)).toThrow(/^--since: /);
  });
});

describe('parseTimestamp', () => {
  it.each([
    ['2026-11-20T09:00:00Z', Date.parse('2026-11-20T09:00:00Z')],
    ['2026-11-20T09:00:00.123456Z', Date.parse('2026-11-20T09:00:00.123Z')],
    ['2026-11-20T11:00:00+02:00', Date.parse('2026-11-20T09:00:00Z')],
    ['2026-11-20 09:00:00z', Date.parse('2026-11-20T09:00:00Z')],
  ])('reads %s', (text, ms) => expect(parseTimestamp(text, '--start')).toBe(ms));

  it.each(['2026-11-20', '2026-11-20T09:00:00', '2026-02-30T00:00:00Z', '2026-11-20T25:00:00Z', 'yesterday', '1763629200000', '2026-11-20T09:00Z'])(
    'rejects %s: RFC 3339 with an offset only',
    (text) => expect(() => parseTimestamp(text, '--start')).toThrow(/^--start: expected an RFC 3339 time like 2026-11-20T09:00:00Z/),
  );
});

describe('resolveTimeRange', () => {
  it('counts --since back from now less the 5-minute settle margin', () => {
    const end = NOW - 5 * 60_000;
    expect(resolveTimeRange({ since: '24h' }, NOW)).toEqual({ startMs: end - 24 * H, endMs: end });
  });

  it('takes --settle to change the margin, and 0 to read up to now', () => {
    expect(resolveTimeRange({ since: '1h', settle: '30s' }, NOW).endMs).toBe(NOW - 30_000);
    expect(resolveTimeRange({ since: '1h', settle: '0' }, NOW).endMs).toBe(NOW);
    expect(() => resolveTimeRange({ since: '1h', settle: 'soon' }, NOW)).toThrow(/^--settle: expected a duration/);
  });

  it('counts --since back from --end when both are given', () => {
    expect(resolveTimeRange({ since: '1h', end: '2026-11-20T10:00:00Z' }, NOW)).toEqual({ startMs: Date.parse('2026-11-20T09:00:00Z'), endMs: Date.parse('2026-11-20T10:00:00Z') });
  });

  it('takes --start to now, or to --end', () => {
    expect(resolveTimeRange({ start: '2026-11-23T00:00:00Z', settle: '0' }, NOW)).toEqual({ startMs: Date.parse('2026-11-23T00:00:00Z'), endMs: NOW });
    expect(resolveTimeRange({ start: '2026-11-20T09:00:00Z', end: '2026-11-20T10:00:00Z' }, NOW).endMs).toBe(Date.parse('2026-11-20T10:00:00Z'));
  });

  it.each([
    [{}, /^--since: a time range is required: --since 24h, or --start T \[--end T\]$/],
    [{ since: '1h', start: '2026-11-20T09:00:00Z' }, /^--since: use either --since or --start, not both$/],
    [{ start: '2026-11-20T10:00:00Z', end: '2026-11-20T09:00:00Z' }, /^--start: the range is empty: start 2026-11-20T10:00:00.000Z is not before end 2026-11-20T09:00:00.000Z$/],
    [{ since: '500d' }, /^--since: the range is longer than 400 days$/],
    [{ start: '2026-11-20T09:00:00Z', end: 'tomorrow' }, /^--end: expected an RFC 3339 time/],
  ])('rejects %j', (opts, message) => {
    expect(() => resolveTimeRange(opts, NOW)).toThrow(message);
  });
});
