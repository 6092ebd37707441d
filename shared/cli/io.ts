import { once } from 'node:events';

/** Where commands write: injectable so tests capture output without spawning a process. */
export interface CliIO {
  /** Writes to stdout; returns a promise when the stream is backed up, so callers can wait instead of buffering. */
  out(text: string): void | Promise<void>;
  err(text: string): void;
  /** Whether stdout is a terminal (colour, progress). */
  isTTY: boolean;
}

/** The process's real stdout/stderr. */
export const processIO: CliIO = {
  out: (t) => {
    if (!process.stdout.write(t)) return once(process.stdout, 'drain').then(() => undefined);
  },
  err: (t) => void process.stderr.write(t),
  isTTY: process.stdout.isTTY === true,
};

/** An in-memory CliIO for tests. */
export function memoryIO(): CliIO & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    isTTY: false,
    stdout: () => out,
    stderr: () => err,
  };
}
