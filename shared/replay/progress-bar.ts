import type { Progress, ProgressOptions } from './progress.ts';
import { coveredPercent } from './progress.ts';
import { iso } from './time-range.ts';

/** A cli-progress bar over the time range: value is the share covered, with events and rate beside it. */
export async function barProgress(opts: ProgressOptions): Promise<Progress> {
  const { default: cliProgress } = await import('cli-progress');
  const stream = opts.stream ?? process.stderr;
  const now = opts.now ?? Date.now;
  const started = now();
  const bar = new cliProgress.SingleBar(
    {
      format: `replay ${opts.label} [{bar}] {percentage}% | {events} events | {rate}/s | up to {covered}`,
      stream,
      hideCursor: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const payload = (fetched: number, covered: number): object => ({
    events: fetched.toLocaleString('en-US'),
    rate: Math.round(fetched / Math.max((now() - started) / 1000, 0.001)).toLocaleString('en-US'),
    covered: iso(Math.min(covered, opts.range.endMs)),
  });
  bar.start(100, 0, payload(0, opts.range.startMs));
  return {
    update(s) {
      bar.update(Math.floor(coveredPercent(opts.range, s.coveredUntilMs)), payload(s.fetched, s.coveredUntilMs));
    },
    stop() {
      bar.stop();
    },
    clearLine() {
      // Carriage return and erase line: a finding printed next starts at column 1 of a clean line.
      stream.write('\r\x1b[2K');
    },
  };
}
