import { InvalidArgumentError, type Command } from 'commander';
import type { Priority } from '../engine/priority.ts';
import { DEFAULT_MAX_BODY_BYTES } from '../webhook/body.ts';
import { DEFAULT_WEBHOOK_PATH } from '../webhook/route.ts';
import type { CliIO } from './io.ts';
import { collect, priorityOption } from './options.ts';

// The implementation (serve-run.ts: webhook server, runtime, sinks) is imported when `serve` runs,
// not when the CLI starts: every `kadet` run, a scan included, registers this command.

/** Falco's k8saudit webhook port; kadet listens on the same by default. */
export const DEFAULT_SERVE_PORT = 9765;

export interface ServeOptions {
  port: number;
  host?: string;
  path: string;
  tokenFile?: string;
  tlsCert?: string;
  tlsKey?: string;
  sinks?: string;
  rules?: string[];
  minPriority?: Priority;
  maxBodyBytes: number;
}

function intOption(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`);
    return n;
  };
}

/** Registers `serve` on the program; `run` records the command's exit code. */
export function registerServe(program: Command, io: CliIO, run: (code: Promise<number>) => void): void {
  program
    .command('serve')
    .description('receive the kube-apiserver audit webhook (EventList, Event or array; Falco k8saudit-compatible) and alert')
    .option('--port <port>', 'TCP port (0 picks a free one)', intOption(0, 65535), DEFAULT_SERVE_PORT)
    .option('--host <address>', 'interface to listen on (default: all)')
    .option('--path <path>', 'webhook path; the cluster may follow it (/k8s-audit/prod) or come as ?cluster=', DEFAULT_WEBHOOK_PATH)
    .option('--token-file <file>', 'require "Authorization: Bearer <token>" with the token in this file')
    .option('--tls-cert <file>', 'PEM certificate: serve HTTPS (with --tls-key)')
    .option('--tls-key <file>', 'PEM private key for --tls-cert')
    .option('--sinks <list>', 'where findings go, KADET_SINKS syntax (default: $KADET_SINKS or stdout)')
    .option('--rules <path>', 'rule file or directory (repeatable; default: the bundled rules/)', collect)
    .option('--min-priority <priority>', 'drop rules below this priority', priorityOption)
    .option('--max-body-bytes <n>', 'largest request body, before and after gunzip', intOption(1, 2 ** 31 - 1), DEFAULT_MAX_BODY_BYTES)
    .action((opts: ServeOptions) => run(import('./serve-run.ts').then((m) => m.serve(opts, io))));
}
