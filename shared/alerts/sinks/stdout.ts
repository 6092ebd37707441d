import type { Finding } from '../finding.ts';
import { requireNothing, sinkBase } from './common.ts';
import type { Sink, SinkFactory } from './types.ts';

/** Writes a line to the process's stdout, where CloudWatch, Cloud Logging and App Insights read it. */
export function writeStdout(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** One finding as one JSON line (Falco's json_output shape). */
export function stdoutLine(f: Finding): string {
  return JSON.stringify(f);
}

/** `stdout` — JSON lines; the writer is injectable for tests. */
export const stdoutSink: SinkFactory = (spec, deps): Sink => {
  requireNothing(spec);
  const write = deps.write ?? writeStdout;
  return {
    ...sinkBase(spec),
    send: async (findings: Finding[]) => {
      for (const f of findings) write(stdoutLine(f));
      return { sent: findings.length };
    },
  };
};
