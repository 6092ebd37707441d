import type { Reject } from '../adapters/reject.ts';
import { rejectRecord, rejectTargetFactories, type RejectTarget } from './dead-letter-targets.ts';
import { sendWithRetry } from './deliver.ts';
import { SinkConfigError, type DeliveryError } from './errors.ts';
import type { RetryOptions } from './retry.ts';
import { resolveSecrets, type SecretResolver } from './sinks/secrets.ts';
import { parseSpecs } from './sinks/spec.ts';
import { writeStdout } from './sinks/stdout.ts';
import type { SinkDeps } from './sinks/types.ts';

/** Optional dead-letter targets, same syntax as KADET_SINKS: `sns:arn:…` and/or `webhook:https://…`. */
export const DEAD_LETTER_VARIABLE = 'KADET_DEAD_LETTER';

/** `{"kadet":"reject",…}`: one line per reject, always written, whatever else is configured. */
export function rejectLogLine(r: Reject): string {
  return JSON.stringify(rejectRecord(r));
}

export interface DeadLetterOptions {
  write?: (line: string) => void;
  targets?: readonly RejectTarget[];
  retry?: Partial<RetryOptions>;
}

export interface DeadLetterReport {
  logged: number;
  failed: { target: string; error: DeliveryError }[];
}

/** Logs every reject, then sends them to each target with retries; a failing target is reported. */
export async function reportRejects(rejects: readonly Reject[], opts: DeadLetterOptions = {}): Promise<DeadLetterReport> {
  const write = opts.write ?? writeStdout;
  for (const r of rejects) write(rejectLogLine(r));
  const failed: DeadLetterReport['failed'] = [];
  if (rejects.length > 0) {
    await Promise.all(
      (opts.targets ?? []).map(async (t) => {
        try {
          await sendWithRetry(t.name, rejects, (items) => t.send(items), opts.retry);
        } catch (err) {
          failed.push({ target: t.name, error: err as DeliveryError });
        }
      }),
    );
  }
  return { logged: rejects.length, failed };
}

/** Cold-start path: parse KADET_DEAD_LETTER (may be unset), resolve secrets, build the targets. */
export async function loadDeadLetterTargets(env: Readonly<Record<string, string | undefined>>, deps: SinkDeps & { resolver?: SecretResolver } = {}): Promise<RejectTarget[]> {
  const specs = parseSpecs(env[DEAD_LETTER_VARIABLE] ?? '', env, DEAD_LETTER_VARIABLE, new Set(rejectTargetFactories.keys()));
  for (const s of specs) if (s.minPriority !== undefined) throw new SinkConfigError(s.variable, s.entry, 'min= does not apply to rejects');
  return (await resolveSecrets(specs, deps.resolver)).map((spec) => {
    const make = rejectTargetFactories.get(spec.scheme);
    if (make === undefined) throw new SinkConfigError(spec.variable, spec.entry, `unknown target "${spec.scheme}"`);
    return make(spec, deps);
  });
}
