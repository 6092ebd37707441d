import { Command, CommanderError } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { KadetError } from '../errors.ts';
import { EXIT } from './errors.ts';
import { processIO, type CliIO } from './io.ts';
import { registerAlert } from './alert.ts';
import { registerInvoke } from './invoke.ts';
import { registerPolicy } from './policy.ts';
import { registerReplay } from './replay.ts';
import { registerRules } from './rules.ts';
import { registerScan } from './scan.ts';
import { registerServe } from './serve.ts';

type Register = (program: Command, io: CliIO, run: (code: Promise<number>) => void) => void;

/** Every `kadet` command: adding one is one file plus one line here. */
const COMMANDS: readonly Register[] = [registerScan, registerRules, registerServe, registerAlert, registerReplay, registerInvoke, registerPolicy];

/** Runs the CLI with the given arguments and returns the process exit code. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  let pending: Promise<number> | undefined;
  const program = new Command('kadet')
    .description('Kubernetes audit-log threat detection with Falco-compatible rules')
    .version(pkg.version)
    .exitOverride()
    .configureOutput({ writeOut: (t) => void io.out(t), writeErr: (t) => io.err(t) });
  for (const register of COMMANDS) register(program, io, (p) => (pending = p));
  for (const sub of program.commands) sub.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return pending ? await pending : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (err instanceof KadetError) {
      io.err(`kadet: ${err.message}\n`);
      return EXIT.usage;
    }
    throw err;
  }
}
