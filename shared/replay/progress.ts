// Replay progress on stderr: a live bar on a terminal, a plain line every `intervalMs` otherwise (CI logs,
// redirected output), so a long replay never looks hung and never floods a log file.
import { iso, type TimeRange } from './time-range.ts';

/** Where the replay is. */
export interface ProgressState {
  /** Records fetched so far (new and already-done). */
  fetched: number;
  /** Everything before this time (epoch ms) has been read. */
  coveredUntilMs: number;
}

export interface Progress {
  update(state: ProgressState): void;
  stop(): void;
  /** Clears the bar's line before something else is printed to the same terminal (the bar redraws below). */
  clearLine(): void;
}

export interface ProgressOptions {
  label: string;
  range: TimeRange;
  /** Draw a bar (stderr is a terminal) or print plain lines. */
  tty: boolean;
  /** Plain-line writer (stderr). */
  write: (text: string) => void;
  /** Seconds between plain lines; default 10 s. */
  intervalMs?: number;
  now?: () => number;
  /** Stream the bar draws on; default process.stderr. */
  stream?: NodeJS.WritableStream;
}

export const PROGRESS_INTERVAL_MS = 10_000;

const n = (x: number): string => Math.round(x).toLocaleString('en-US');

/** Share of the range read, 0–100. */
export function coveredPercent(range: TimeRange, coveredUntilMs: number): number {
  const span = range.endMs - range.startMs;
  return span <= 0 ? 100 : Math.max(0, Math.min(100, ((coveredUntilMs - range.startMs) / span) * 100));
}

/** `replay …: 12,345 events (1,234/s), covered 2026-…Z → 2026-…Z (45%)`. */
export function progressLine(label: string, range: TimeRange, state: ProgressState, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? state.fetched / (elapsedMs / 1000) : 0;
  const covered = Math.max(range.startMs, Math.min(state.coveredUntilMs, range.endMs));
  return `replay ${label}: ${n(state.fetched)} events (${n(rate)}/s), covered ${iso(range.startMs)} → ${iso(covered)} (${coveredPercent(range, covered).toFixed(0)}%)\n`;
}

/** Plain lines: one at start, then at most one per interval, and a last one at stop. */
export function plainProgress(opts: ProgressOptions): Progress {
  const now = opts.now ?? Date.now;
  const started = now();
  const interval = opts.intervalMs ?? PROGRESS_INTERVAL_MS;
  let last = started;
  let state: ProgressState = { fetched: 0, coveredUntilMs: opts.range.startMs };
  opts.write(`replay ${opts.label}: reading ${iso(opts.range.startMs)} → ${iso(opts.range.endMs)}\n`);
  return {
    update(s) {
      state = s;
      const t = now();
      if (t - last < interval) return;
      last = t;
      opts.write(progressLine(opts.label, opts.range, state, t - started));
    },
    stop() {
      opts.write(progressLine(opts.label, opts.range, state, now() - started));
    },
    clearLine() {},
  };
}

/** The bar on a terminal (cli-progress, loaded only then), plain lines otherwise. */
export async function createProgress(opts: ProgressOptions): Promise<Progress> {
  if (!opts.tty) return plainProgress(opts);
  const { barProgress } = await import('./progress-bar.ts');
  return barProgress(opts);
}
