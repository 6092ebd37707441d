// `kadet serve`'s implementation, imported by serve.ts's action when the command runs: the webhook
// server, the runtime and its sinks stay out of every other command's startup.
import { readFileSync } from 'node:fs';
import { createRuntime, type RuntimeDeps } from '../runtime.ts';
import { normalizeBasePath } from '../webhook/route.ts';
import { startWebhookServer, type WebhookServer } from '../webhook/server.ts';
import { checkToken } from '../webhook/token.ts';
import { EXIT, UsageError } from './errors.ts';
import type { CliIO } from './io.ts';
import type { ServeOptions } from './serve.ts';

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
