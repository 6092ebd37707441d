import type { Command } from 'commander';
import type { CliIO } from './io.ts';
import { RUNNERS } from './invoke-runners.ts';

// The implementation (invoke-run.ts) is imported when `invoke` runs, not when the CLI starts. The
// runners' table stays a static import for the help text: it loads no function until one is invoked.

export interface InvokeOptions {
  event: string;
  sinks?: string;
}

/** Registers `invoke`. */
export function registerInvoke(program: Command, io: CliIO, run: (code: Promise<number>) => void): void {
  program
    .command('invoke')
    .description(`run a function's real handler locally on a sample payload (${[...RUNNERS.keys()].join(', ')})`)
    .argument('<function>', 'which function')
    .requiredOption('--event <file>', 'the trigger payload (see events/)')
    .option('--sinks <spec>', 'KADET_SINKS for this run (default: stdout)')
    .action((fn: string, opts: InvokeOptions) => run(import('./invoke-run.ts').then((m) => m.invoke(fn, opts, io))));
}
