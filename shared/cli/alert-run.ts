// `kadet alert test`'s implementation, imported by alert.ts's action when the command runs: the sinks
// (the SNS client among them) stay out of every other command's startup.
import { SINKS_VARIABLE } from '../alerts/sinks/spec.ts';
import type { SinkDeps } from '../alerts/sinks/types.ts';
import { sendTestAlert, type TestAlertResult } from '../alerts/test-alert.ts';
import type { AlertTestOptions } from './alert.ts';
import { EXIT, UsageError } from './errors.ts';
import type { CliIO } from './io.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** The sink list to test: the flags joined (entries cannot contain commas), else KADET_SINKS from the environment. */
export function sinkSpecText(opts: Pick<AlertTestOptions, 'sink' | 'sinks'>, env: Env): string {
  const given = [...(opts.sink ?? []), ...(opts.sinks === undefined ? [] : [opts.sinks])].map((s) => s.trim()).filter(Boolean);
  if (given.length > 0) return given.join(',');
  const fromEnv = env[SINKS_VARIABLE]?.trim();
  if (fromEnv) return fromEnv;
  throw new UsageError(`no sinks to test: give --sink SPEC (repeatable) or --sinks LIST, or set ${SINKS_VARIABLE}`);
}

/** One line per sink: `ok` or `failed` with the redacted reason. */
export function resultLines(results: readonly TestAlertResult[]): string {
  const width = Math.max(...results.map((r) => r.sink.length));
  const lines = results.map((r) => `${r.sink.padEnd(width)}  ${r.ok ? 'ok' : `failed  ${r.error ?? ''}`.trimEnd()}`);
  const failed = results.filter((r) => !r.ok).length;
  lines.push(failed === 0 ? `test alert delivered to ${results.length} sink(s)` : `${failed} of ${results.length} sink(s) failed`);
  return `${lines.join('\n')}\n`;
}

/**
 * `kadet alert test`: sends one synthetic finding (rule "kadet test alert") to every sink, ignoring each sink's
 * min= so the whole path is exercised, and reports each. Exit 1 when any sink failed; a bad spec is a usage error.
 */
export async function alertTest(opts: AlertTestOptions, io: CliIO, env: Env = process.env, deps: SinkDeps = {}): Promise<number> {
  const specText = sinkSpecText(opts, env);
  // The stdout sink prints through the CLI's own output, like everything else the command writes.
  const results = await sendTestAlert(specText, env, { write: (line) => void io.out(`${line}\n`), ...deps });
  await io.out(opts.format === 'json' ? `${JSON.stringify({ results })}\n` : resultLines(results));
  return results.every((r) => r.ok) ? EXIT.ok : EXIT.findings;
}
