// `kadet replay`'s implementation, imported by replay.ts's action when a replay runs: the rules engine,
// the replay loop, the sinks and the sources' registry stay out of every other command's startup
// (the sources' SDKs load later still, when a source is opened).
import type { Reject } from '../adapters/reject.ts';
import type { Finding } from '../alerts/finding.ts';
import { Engine } from '../engine/index.ts';
import { atLeast } from '../engine/priority.ts';
import { parseEndpoint } from '../replay/endpoint.ts';
import type { Cloud } from '../replay/errors.ts';
import { localOutput, type FindingOutput } from '../replay/output.ts';
import { createProgress, type Progress } from '../replay/progress.ts';
import { replay } from '../replay/replay.ts';
import { sinksOutput } from '../replay/sinks-output.ts';
import { openSource, type SourceDeps, type SourceSpec } from '../replay/sources/index.ts';
import { summaryText } from '../replay/summary.ts';
import { parseDuration, resolveTimeRange } from '../replay/time-range.ts';
import { EXIT } from './errors.ts';
import type { CliIO } from './io.ts';
import { findingLine, rejectLine } from './render.ts';
import type { ReplayCommandOptions } from './replay.ts';
import { loadRulesForCli } from './rules-loading.ts';

/** What tests inject: credentials, a clock, an abort signal, progress settings, the environment. */
export interface ReplayCommandDeps extends SourceDeps {
  signal?: AbortSignal;
  now?: () => number;
  progressTTY?: boolean;
  progressIntervalMs?: number;
  env?: Readonly<Record<string, string | undefined>>;
}

/** Exit code of a run stopped by Ctrl-C (128 + SIGINT), after saving the checkpoint. */
export const EXIT_INTERRUPTED = 130;
const REJECTS_SHOWN = 20;

/** Runs one replay; returns the exit code (1 when --fail-on matched, 130 when interrupted). */
export async function runReplay(cloud: Cloud, opts: ReplayCommandOptions, io: CliIO, deps: ReplayCommandDeps = {}): Promise<number> {
  const started = performance.now();
  const range = resolveTimeRange(opts, deps.now?.());
  const spec = sourceSpec(cloud, opts);
  const rules = await loadRulesForCli(opts.rules, io, opts.minPriority);
  let failed = false;
  const screen: { progress?: Progress } = {};
  // On a terminal the bar shares the screen with stdout: clear its line before each printed finding.
  const beforeOut = (): void => void (io.isTTY ? screen.progress?.clearLine() : undefined);
  const output = watch(await outputFor(opts, io, rules, deps, beforeOut), (f) => (failed ||= opts.failOn !== undefined && atLeast(f.priority, opts.failOn)));
  const source = await openSource(spec, deps);
  const progress = opts.progress
    ? await createProgress({ label: source.label, range, tty: deps.progressTTY ?? process.stderr.isTTY === true, write: (t) => io.err(t), ...(deps.progressIntervalMs !== undefined ? { intervalMs: deps.progressIntervalMs } : {}) })
    : undefined;
  screen.progress = progress;
  const { signal, release } = interruptSignal(deps.signal);
  try {
    const report = await replay({ source, range, output, ...(opts.checkpoint ? { checkpoint: opts.checkpoint } : {}), ...(progress ? { progress } : {}), signal });
    progress?.stop();
    const text = summaryText(report.tally, {
      label: source.label,
      range,
      elapsedMs: performance.now() - started,
      rulePriority: new Map(rules.map((r) => [r.name, r.priority])),
      ...(report.resumedFrom ? { resumedFromMs: report.resumedFrom.timeMs } : {}),
      ...(report.interrupted ? { interrupted: true } : {}),
      ...(opts.checkpoint ? { checkpoint: opts.checkpoint } : {}),
    });
    // In json mode stdout is for machines: the human summary goes to stderr.
    if (opts.format === 'json' || opts.sinks !== undefined) io.err(text);
    else await io.out(text);
    if (report.interrupted) return EXIT_INTERRUPTED;
    return failed ? EXIT.findings : EXIT.ok;
  } catch (err) {
    progress?.stop();
    throw err;
  } finally {
    release();
  }
}

function sourceSpec(cloud: Cloud, o: ReplayCommandOptions): SourceSpec {
  const endpoint = o.endpoint !== undefined ? { endpoint: parseEndpoint(o.endpoint) } : {};
  const cluster = o.cluster !== undefined ? { cluster: o.cluster } : {};
  if (cloud === 'aws') return { cloud, cluster: o.cluster ?? '', ...(o.region ? { region: o.region } : {}), ...(o.insights ? { insights: true } : {}), ...endpoint };
  if (cloud === 'gcp') return { cloud, project: o.project ?? '', ...cluster, ...endpoint };
  const chunk = o.chunk !== undefined ? { chunkMs: parseDuration(o.chunk, '--chunk') } : {};
  return { cloud, workspace: o.workspace ?? '', mode: o.mode ?? 'resource-specific', category: o.category ?? 'kube-audit', ...cluster, ...chunk, ...endpoint };
}

async function outputFor(opts: ReplayCommandOptions, io: CliIO, rules: Awaited<ReturnType<typeof loadRulesForCli>>, deps: ReplayCommandDeps, beforeOut: () => void): Promise<FindingOutput> {
  if (opts.sinks !== undefined) {
    return sinksOutput({
      sinks: opts.sinks,
      ruleMatching: opts.ruleMatching,
      env: deps.env ?? process.env,
      write: (line) => (beforeOut(), void io.out(`${line}\n`)),
      log: (line) => io.err(`${line}\n`),
      ...(opts.rules ? { rules: opts.rules } : {}),
      ...(opts.minPriority ? { minPriority: opts.minPriority } : {}),
    });
  }
  const color = io.isTTY && opts.format === 'text';
  let shown = 0;
  return localOutput(new Engine(rules, { matching: opts.ruleMatching }), {
    emit: (f: Finding) => (beforeOut(), io.out(opts.format === 'json' ? `${JSON.stringify(f)}\n` : findingLine(f, color))),
    reject: (r: Reject) => void (opts.format === 'json' || shown++ < REJECTS_SHOWN ? io.err(rejectLine(r)) : undefined),
  });
}

/** Passes every finding to `see` on its way out (for --fail-on). */
function watch(output: FindingOutput, see: (f: Finding) => void): FindingOutput {
  return {
    ...(output.delivered ? { delivered: (findings) => output.delivered!(findings) } : {}),
    ...(output.seed ? { seed: (pairs) => output.seed!(pairs) } : {}),
    async process(result) {
      const outcome = await output.process(result);
      outcome.findings.forEach(see);
      return outcome;
    },
  };
}

/** The caller's signal, or one that Ctrl-C aborts (a second Ctrl-C kills as usual). */
function interruptSignal(given: AbortSignal | undefined): { signal: AbortSignal; release: () => void } {
  if (given) return { signal: given, release: () => undefined };
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  return { signal: controller.signal, release: () => void process.off('SIGINT', onSigint) };
}
