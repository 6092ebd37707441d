// `kadet invoke`'s implementation, imported by invoke.ts's action when the command runs.
import { readFile } from 'node:fs/promises';
import { EXIT, UsageError } from './errors.ts';
import type { InvokeOptions } from './invoke.ts';
import type { CliIO } from './io.ts';
import { RUNNERS } from './invoke-runners.ts';

/** The token the shipped webhook samples carry, used only when KADET_WEBHOOK_TOKEN is not set. */
export const SAMPLE_WEBHOOK_TOKEN = 'kadet-sample-token-change-me';

/**
 * `kadet invoke FUNCTION --event FILE`: runs that function's real handler locally with a synthetic
 * platform context, like `sam local invoke`. The function logs (batch summary, findings on the
 * stdout sink) as it would in the cloud; the platform response follows.
 */
export async function invoke(fn: string, opts: InvokeOptions, io: CliIO): Promise<number> {
  const runner = RUNNERS.get(fn);
  if (!runner) throw new UsageError(`unknown function '${fn}' (known: ${[...RUNNERS.keys()].join(', ')})`);
  let payload: unknown;
  try {
    payload = JSON.parse(await readFile(opts.event, 'utf8'));
  } catch (err) {
    throw new UsageError(`--event ${opts.event}: ${(err as Error).message}`);
  }
  // Functions read their configuration from the environment at cold start, as in the cloud.
  if (opts.sinks !== undefined) process.env['KADET_SINKS'] = opts.sinks;
  process.env['KADET_SINKS'] ??= 'stdout';
  if (fn === 'onprem-webhook' && process.env['KADET_WEBHOOK_TOKEN'] === undefined) {
    process.env['KADET_WEBHOOK_TOKEN'] = SAMPLE_WEBHOOK_TOKEN;
    io.err(`note: KADET_WEBHOOK_TOKEN is not set; using the shipped samples' token\n`);
  }
  try {
    const response = await runner(payload);
    await io.out(`response: ${JSON.stringify(response ?? null)}\n`);
    return EXIT.ok;
  } catch (err) {
    // What the platform would see: the function failed, so it would retry or drop per its policy.
    io.err(`function error: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}\n`);
    return EXIT.findings;
  }
}
