import type { AdapterContext, AdapterResult } from './adapters/types.ts';
import type { RejectTarget } from './alerts/dead-letter-targets.ts';
import { loadDeadLetterTargets, reportRejects } from './alerts/dead-letter.ts';
import { Dedup } from './alerts/dedup.ts';
import { deliver } from './alerts/deliver.ts';
import type { Finding } from './alerts/finding.ts';
import type { SecretResolver } from './alerts/sinks/secrets.ts';
import { loadSinks } from './alerts/sinks/registry.ts';
import type { Sink, SinkDeps } from './alerts/sinks/types.ts';
import { readConfig, type KadetConfig } from './config.ts';
import { KadetError } from './errors.ts';
import { UndeliveredError } from './alerts/errors.ts';
import { fieldRegistry } from './engine/fields/index.ts';
import { Engine, loadRulePaths, type CompiledRule } from './engine/index.ts';
import { defaultRulesDir } from './paths.ts';
import { Pipeline } from './pipeline.ts';

/** The ruleset failed to load at cold start: the function cannot run and says why. */
export class RulesetError extends KadetError {
  constructor(message: string) {
    super(message, 'RULESET');
  }
}

/** What one batch did: the summary every entry point logs and returns. */
export interface BatchSummary {
  received: number;
  evaluated: number;
  rejected: number;
  skipped: number;
  findings: number;
  findingsByPriority: Record<string, number>;
  delivered: number;
  /** Sinks (and dead-letter targets) that still failed after retries, with redacted reasons. */
  failures: { target: string; error: string }[];
  durationMs: number;
}

export interface BatchOutcome {
  summary: BatchSummary;
  findings: Finding[];
  /** True when some finding could not be delivered: the platform should redeliver the batch. */
  undelivered: boolean;
}

/** Everything a warm function instance keeps between invocations. */
export class Runtime {
  constructor(
    readonly config: KadetConfig,
    readonly rules: CompiledRule[],
    private readonly engine: Engine,
    readonly sinks: Sink[],
    private readonly deadLetter: RejectTarget[],
    private readonly dedup: Dedup,
    private readonly log: (line: string) => void,
  ) {}

  /** Adapter context with the configured overrides (cluster, decode cap) applied. */
  adapterContext(ctx: AdapterContext = {}): AdapterContext {
    const origin = { ...ctx.origin, ...(this.config.cluster ? { cluster: this.config.cluster } : {}) };
    return { ...ctx, origin, maxDecompressedBytes: this.config.maxDecompressedBytes };
  }

  /** Evaluates an adapter's output, delivers findings, dead-letters rejects. Never throws. */
  async process(input: AdapterResult): Promise<BatchOutcome> {
    const started = performance.now();
    const pipeline = new Pipeline(this.engine);
    const findings: Finding[] = [];
    for (const ce of input.events) {
      // Adapters let the payload's cluster win over ctx.origin (adapterContext); the operator's override wins over both.
      if (this.config.cluster) ce.origin.cluster = this.config.cluster;
      findings.push(...pipeline.evaluate(ce));
    }
    for (const r of input.rejects) pipeline.reject(r);
    const [report, dead] = await Promise.all([
      deliver(findings, this.sinks, { dedup: this.dedup }),
      reportRejects(input.rejects, { write: this.log, targets: this.deadLetter }),
    ]);
    const s = pipeline.summary();
    const summary: BatchSummary = {
      received: input.events.length + input.rejects.length + input.skipped + input.control,
      evaluated: s.evaluated,
      rejected: s.rejected,
      skipped: input.skipped + input.control,
      findings: s.findings,
      findingsByPriority: s.findingsByPriority,
      delivered: report.delivered,
      failures: [
        ...report.failed.map((f) => ({ target: f.sink, error: f.error.message })),
        ...dead.failed.map((f) => ({ target: `dead-letter ${f.target}`, error: f.error.message })),
      ],
      durationMs: Math.round(performance.now() - started),
    };
    this.log(JSON.stringify({ kadet: 'batch', ...summary }));
    return { summary, findings, undelivered: report.failed.length > 0 };
  }
}

export interface RuntimeDeps extends SinkDeps {
  resolver?: SecretResolver;
  log?: (line: string) => void;
  /** What sinks already took; `kadet replay` seeds it from its checkpoint so a resumed page is not re-sent. */
  dedup?: Dedup;
}

/** Cold start: validate config, load rules, build sinks and dead-letter targets. Throws a named error on any problem. */
export async function createRuntime(env: Readonly<Record<string, string | undefined>>, deps: RuntimeDeps = {}): Promise<Runtime> {
  const config = readConfig(env);
  const loaded = await loadRulePaths(config.rules ?? [defaultRulesDir()], fieldRegistry, config.minPriority ? { minPriority: config.minPriority } : {});
  if (loaded.errors.length > 0) {
    throw new RulesetError(`KADET_RULES: ${loaded.errors.length} error(s) in the ruleset; first: ${loaded.errors[0]!.message}`);
  }
  const descriptions = new Map(loaded.rules.map((r) => [r.name, r.desc]));
  const sinkDeps = { describeRule: (rule: string) => descriptions.get(rule), ...deps };
  const sinks = await loadSinks({ ...env, KADET_SINKS: config.sinks }, sinkDeps);
  const deadLetter = await loadDeadLetterTargets(env, sinkDeps);
  const log = deps.log ?? ((line: string) => void process.stdout.write(line + '\n'));
  return new Runtime(config, loaded.rules, new Engine(loaded.rules, { matching: config.ruleMatching }), sinks, deadLetter, deps.dedup ?? new Dedup(), log);
}

/** The typed error for a batch some sink did not take; built from the summary's already-redacted reasons only. */
export function undeliveredError(summary: BatchSummary): UndeliveredError {
  return new UndeliveredError(summary.failures.map((f) => ({ sink: f.target, error: new Error(f.error) })));
}
