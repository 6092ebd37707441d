// Scenario time is kept in integer microseconds since the Unix epoch, as the apiserver prints it.

export type Micros = number;

export const SECOND: Micros = 1_000_000;
export const MINUTE: Micros = 60 * SECOND;
export const HOUR: Micros = 60 * MINUTE;
export const MS: Micros = 1_000;

/** The scenario's fixed start: 2026-11-20T09:00:00Z. */
export const SCENARIO_START: Micros = Date.UTC(2026, 10, 20, 9, 0, 0) * 1000;

/** `HH:MM:SS` after the scenario start, for readable attack timelines. */
export function at(hhmmss: string, start: Micros = SCENARIO_START): Micros {
  const [h, m, s] = hhmmss.split(':').map(Number);
  return start + ((h ?? 0) - 9) * HOUR + (m ?? 0) * MINUTE + (s ?? 0) * SECOND;
}

/** RFC 3339 with exactly six fractional digits, as `metav1.MicroTime` serialises. */
export function microTime(t: Micros): string {
  const ms = Math.floor(t / 1000);
  const iso = new Date(ms).toISOString(); // 2026-11-20T09:00:00.123Z
  const micros = String(Math.floor(t) % 1_000_000).padStart(6, '0');
  return `${iso.slice(0, 19)}.${micros}Z`;
}

/** RFC 3339 with whole seconds, as `metav1.Time` serialises (object timestamps). */
export function secondTime(t: Micros): string {
  return `${new Date(Math.floor(t / 1000)).toISOString().slice(0, 19)}Z`;
}

/** A Go duration as client-go writes watch timeouts: `7m38s`. */
export function goDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m > 0 ? `${m}m${s}s` : `${s}s`;
}
