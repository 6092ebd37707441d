// RFC 3339 timestamps with nanosecond precision, as BigInt nanoseconds since the Unix epoch.

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;
const NS_PER_S = 1_000_000_000n;

/**
 * Parses `2024-05-01T10:00:00.123456Z` (any offset, up to nanosecond precision; further digits
 * are truncated) into nanoseconds since the epoch. Undefined for anything else, including
 * impossible dates and second 60, which Go's time.Parse also rejects.
 */
export function parseRfc3339Nanos(text: string): bigint | undefined {
  const m = RFC3339.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1) return undefined; // 31 April and the like
  date.setUTCHours(hour, minute, second, 0);
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    offsetMinutes = (zone.startsWith('-') ? -1 : 1) * (oh * 60 + om);
  }
  const seconds = BigInt(date.getTime() / 1000 - offsetMinutes * 60);
  return seconds * NS_PER_S + BigInt(frac.slice(0, 9).padEnd(9, '0'));
}

function split(ns: bigint): { date: Date; nanos: string } | undefined {
  let sec = ns / NS_PER_S;
  let rem = ns % NS_PER_S;
  if (rem < 0n) {
    sec -= 1n;
    rem += NS_PER_S;
  }
  const ms = Number(sec) * 1000;
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return undefined;
  return { date: new Date(ms), nanos: rem.toString().padStart(9, '0') };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `HH:MM:SS.nnnnnnnnn` in UTC (Falco's legacy jevt.time shape, which used local time). */
export function formatTimeOfDay(ns: bigint): string | undefined {
  const parts = split(ns);
  if (parts === undefined) return undefined;
  const { date, nanos } = parts;
  return `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}.${nanos}`;
}

/** `YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+0000`, Falco's ISO 8601 rendering of an event time. */
export function formatIso8601(ns: bigint): string | undefined {
  const parts = split(ns);
  if (parts === undefined) return undefined;
  const { date, nanos } = parts;
  const day = `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${day}T${time}.${nanos}+0000`;
}
