import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import type { Priority } from '../engine/priority.ts';
import { createRuntime, type RuntimeDeps } from '../runtime.ts';
import { DEFAULT_MAX_BODY_BYTES } from '../webhook/body.ts';
import { DEFAULT_WEBHOOK_PATH, normalizeBasePath } from '../webhook/route.ts';
import { startWebhookServer, type WebhookServer } from '../webhook/server.ts';
import { checkToken } from '../webhook/token.ts';
import { EXIT, UsageError } from './errors.ts';
import type { CliIO } from './io.ts';
import { collect, priorityOption } from './options.ts';

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

/** Where shutdown signals come from (the process; an emitter in tests). */
export type SignalSource = Pick<NodeJS.EventEmitter, 'once' | 'off'>;

export interface ServeDeps {
  env?: Readonly<Record<string, string | undefined>>;
  signals?: SignalSource;
  runtime?: RuntimeDeps;
  /** Called once listening (tests learn the port here). */
  onListening?: (server: WebhookServer) => void;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** `kadet serve`: the on-prem audit webhook receiver; resolves with the exit code after a graceful shutdown. */
export async function serve(opts: ServeOptions, io: CliIO, deps: ServeDeps = {}): Promise<number> {
  if ((opts.tlsCert === undefined) !== (opts.tlsKey === undefined)) throw new UsageError('--tls-cert and --tls-key go together');
  const tls = opts.tlsCert !== undefined && opts.tlsKey !== undefined ? { cert: readOption('--tls-cert', opts.tlsCert), key: readOption('--tls-key', opts.tlsKey) } : undefined;
  const token = opts.tokenFile === undefined ? undefined : checkToken('--token-file', readOption('--token-file', opts.tokenFile).toString('utf8').trim());
  const env = deps.env ?? process.env;
  const log = (line: string): void => io.err(`${line}\n`);
  const runtime = await createRuntime(
    {
      ...env,
      ...(opts.sinks === undefined ? {} : { KADET_SINKS: opts.sinks }),
      ...(opts.rules === undefined ? {} : { KADET_RULES: opts.rules.join(',') }),
      ...(opts.minPriority === undefined ? {} : { KADET_MIN_PRIORITY: opts.minPriority }),
    },
    { log, write: (line) => void io.out(`${line}\n`), ...deps.runtime },
  );
  const basePath = normalizeBasePath(opts.path);
  const server = await listen(opts, tls, { runtime, token, maxBodyBytes: opts.maxBodyBytes, basePath, log });
  io.err(`kadet serve: listening on ${server.url}${token === undefined ? ' WITHOUT authentication (no --token-file)' : ' (bearer token required)'}; GET /healthz\n`);
  deps.onListening?.(server);
  await shutdownOnSignal(server, deps.signals ?? process, io);
  return EXIT.ok;
}

async function listen(opts: ServeOptions, tls: { cert: Buffer; key: Buffer } | undefined, deps: Parameters<typeof startWebhookServer>[0]['deps']): Promise<WebhookServer> {
  try {
    return await startWebhookServer({ port: opts.port, ...(opts.host === undefined ? {} : { host: opts.host }), ...(tls ? { tls } : {}), deps });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    throw new UsageError(`cannot listen on ${opts.host ?? '*'}:${opts.port}: ${typeof code === 'string' ? code : (err as Error).message}`);
  }
}

/** Waits for SIGINT/SIGTERM, then stops accepting and finishes in-flight batches; a second signal cuts them. */
async function shutdownOnSignal(server: WebhookServer, signals: SignalSource, io: CliIO): Promise<void> {
  const first = await new Promise<string>((resolve) => {
    const on = (name: string) => (): void => {
      for (const s of SIGNALS) signals.off(s, handlers[s]);
      resolve(name);
    };
    const handlers = { SIGINT: on('SIGINT'), SIGTERM: on('SIGTERM') };
    for (const s of SIGNALS) signals.once(s, handlers[s]);
  });
  io.err(`kadet serve: ${first}: not accepting new connections, finishing ${server.inFlight()} in-flight request(s)\n`);
  const force = (): void => void server.close(0);
  for (const s of SIGNALS) signals.once(s, force);
  await server.close();
  for (const s of SIGNALS) signals.off(s, force);
  io.err('kadet serve: stopped\n');
}

function readOption(option: string, file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new UsageError(`${option}: cannot read ${file}: ${(err as { code?: string }).code ?? (err as Error).message}`);
  }
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
    .action((opts: ServeOptions) => run(serve(opts, io)));
}
