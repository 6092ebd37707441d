import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface Measurement {
  label: string;
  seconds: number;
  /** Peak resident set in MiB, from GNU time; undefined where it is not installed. */
  peakRssMiB?: number;
  stdout: string;
}

const GNU_TIME = '/usr/bin/time';

/** Runs a command to completion and measures wall time and peak RSS (via GNU time when present). */
export function measure(label: string, command: string, args: string[], stdoutToNull = false): Measurement {
  const useTime = existsSync(GNU_TIME);
  const [cmd, argv] = useTime ? [GNU_TIME, ['-f', 'KADET_MAXRSS_KB=%M', command, ...args]] : [command, args];
  const started = performance.now();
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', stdoutToNull ? 'ignore' : 'pipe', 'pipe'] });
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${label} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const rss = /KADET_MAXRSS_KB=(\d+)/.exec(r.stderr ?? '');
  return { label, seconds, peakRssMiB: rss ? Number(rss[1]) / 1024 : undefined, stdout: r.stdout ?? '' };
}
