import type { Command } from 'commander';
import { SINKS_VARIABLE } from '../alerts/sinks/spec.ts';
import type { CliIO } from './io.ts';
import { choiceOption, collect } from './options.ts';

// The implementation (alert-run.ts: the sinks, the SNS client among them) is imported when `alert test`
// runs, not when the CLI starts: every `kadet` run, a scan included, registers this command.

export interface AlertTestOptions {
  /** `--sink SPEC`, repeatable: one KADET_SINKS entry each. */
  sink?: string[];
  /** `--sinks LIST`: a whole KADET_SINKS value. */
  sinks?: string;
  format: 'text' | 'json';
}

/** Registers `alert test` on the program; `run` records the command's exit code. */
export function registerAlert(program: Command, io: CliIO, run: (code: Promise<number>) => void): void {
  const alert = program.command('alert').description('check alert delivery');
  alert
    .command('test')
    .description(`send a synthetic test finding to each sink and report ok/failed per sink (default sinks: $${SINKS_VARIABLE})`)
    .option('--sink <spec>', 'one sink, in KADET_SINKS syntax (repeatable), e.g. webhook:env:HOOK_URL', collect)
    .option('--sinks <list>', 'a comma-separated sink list, as in KADET_SINKS')
    .option('--format <format>', 'text or json', choiceOption(['text', 'json'] as const), 'text')
    .action((opts: AlertTestOptions) => run(import('./alert-run.ts').then((m) => m.alertTest(opts, io))));
}
