// `--sinks SPEC`: findings go through the live functions' Runtime (createRuntime → process), configured
// from the same KADET_* environment, with the command-line options taking precedence.
import { Dedup } from '../alerts/dedup.ts';
import { parseSinkSpecs } from '../alerts/sinks/registry.ts';
import type { Priority } from '../engine/priority.ts';
import { createRuntime } from '../runtime.ts';
import { runtimeOutput, type FindingOutput } from './output.ts';

type Env = Readonly<Record<string, string | undefined>>;

export interface SinksOutputOptions {
  sinks: string;
  rules?: string[];
  minPriority?: Priority;
  ruleMatching: 'first' | 'all';
  env: Env;
  /** The stdout sink's line writer. */
  write: (line: string) => void;
  /** The runtime's log lines (rejects, dead-letter reports); batch summaries are left out. */
  log: (line: string) => void;
}

/** Builds the Runtime. A bad spec fails naming `--sinks` (not KADET_SINKS), before any network call. */
export async function sinksOutput(opts: SinksOutputOptions): Promise<FindingOutput> {
  const env: Record<string, string | undefined> = { ...opts.env, KADET_SINKS: opts.sinks, KADET_RULE_MATCHING: opts.ruleMatching };
  if (opts.rules && opts.rules.length > 0) env['KADET_RULES'] = opts.rules.join(',');
  if (opts.minPriority) env['KADET_MIN_PRIORITY'] = opts.minPriority;
  parseSinkSpecs(opts.sinks, env, '--sinks');
  const dedup = new Dedup();
  const runtime = await createRuntime(env, {
    dedup,
    write: opts.write,
    log: (line) => {
      if (!line.startsWith('{"kadet":"batch"')) opts.log(line);
    },
  });
  return runtimeOutput(runtime, dedup);
}
