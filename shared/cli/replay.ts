// `kadet replay aws|gcp|azure`: pull audit events for a time range from the cloud's log store and run them
// through the same adapters and rules as the live functions. Nothing cloud-specific is imported here:
// the sources and their SDKs are loaded on first use, so `kadet scan` never pays for them.
import type { Command } from 'commander';
import type { Reject } from '../adapters/reject.ts';
import type { Finding } from '../alerts/finding.ts';
import { Engine } from '../engine/index.ts';
import { atLeast, type Priority } from '../engine/priority.ts';
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
import { choiceOption, collect, priorityOption } from './options.ts';
import { findingLine, rejectLine } from './render.ts';
import { loadRulesForCli } from './rules-loading.ts';

/** Options every `replay` subcommand takes. */
export interface ReplayCommonOptions {
  since?: string;
  start?: string;
  end?: string;
  endpoint?: string;
  checkpoint?: string;
  rules?: string[];
  sinks?: string;
  format: 'text' | 'json';
  minPriority?: Priority;
  failOn?: Priority;
  ruleMatching: 'first' | 'all';
  progress: boolean;
}

export type ReplayCommandOptions = ReplayCommonOptions & {
  cluster?: string;
  region?: string;
  insights?: boolean;
  project?: string;
  workspace?: string;
  mode?: 'resource-specific' | 'azure-diagnostics';
  category?: 'kube-audit' | 'kube-audit-admin';
  chunk?: string;
};

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

function commonOptions(cmd: Command, endpointExample: string): Command {
  return cmd
    .option('--since <duration>', 'replay the last DURATION: 90m, 24h, 7d, 2w')
    .option('--start <time>', 'start of the range, RFC 3339 (2026-11-20T09:00:00Z)')
    .option('--end <time>', 'end of the range, RFC 3339 (default: now)')
    .option('--endpoint <url>', `API endpoint for a VPC/private endpoint or a local emulator (default ${endpointExample})`)
    .option('--checkpoint <file>', 'save progress here after each page; re-run with the same file to resume')
    .option('--rules <path>', 'rule file or directory (repeatable; default: the bundled rules/)', collect)
    .option('--sinks <spec>', 'deliver findings to sinks (KADET_SINKS syntax, e.g. slack:env:SLACK_URL) instead of printing them')
    .option('--format <format>', 'json (one finding per line, as kadet scan --format json) or text', choiceOption(['text', 'json'] as const), 'json')
    .option('--min-priority <priority>', 'drop rules below this priority', priorityOption)
    .option('--fail-on <priority>', 'exit 1 when a finding at or above this priority is produced', priorityOption)
    .option('--rule-matching <mode>', 'first (one finding per event, as Falco) or all', choiceOption(['first', 'all'] as const), 'first')
    .option('--no-progress', 'no progress bar or progress lines on stderr');
}

/** Registers `replay aws|gcp|azure` on the program; `run` records the command's exit code. */
export function registerReplay(program: Command, io: CliIO, run: (code: Promise<number>) => void): void {
  const replayCmd = program.command('replay').description('hunt through audit history in CloudWatch Logs, Cloud Logging or Log Analytics with the same rules');
  const action = (cloud: Cloud) => (opts: ReplayCommandOptions) => run(runReplay(cloud, opts, io));
  const aws = replayCmd
    .command('aws')
    .description('EKS: FilterLogEvents (or Logs Insights) on /aws/eks/<cluster>/cluster')
    .requiredOption('--cluster <name>', 'EKS cluster name')
    .option('--region <region>', "AWS region (default: the AWS credential chain's)")
    .option('--insights', 'use CloudWatch Logs Insights queries (faster for large ranges)');
  commonOptions(aws, 'https://logs.<region>.amazonaws.com').action(action('aws'));
  const gcp = replayCmd
    .command('gcp')
    .description('GKE: Cloud Logging Admin Activity and Data Access audit logs')
    .requiredOption('--project <id>', 'Google Cloud project id')
    .option('--cluster <name>', 'only this GKE cluster');
  commonOptions(gcp, 'https://logging.googleapis.com').action(action('gcp'));
  const azure = replayCmd
    .command('azure')
    .description('AKS: Log Analytics (AKSAudit/AKSAuditAdmin or AzureDiagnostics)')
    .requiredOption('--workspace <id>', 'Log Analytics workspace ID (GUID)')
    .option('--cluster <name>', 'only this AKS cluster')
    .option('--mode <mode>', 'resource-specific (AKSAudit tables) or azure-diagnostics', choiceOption(['resource-specific', 'azure-diagnostics'] as const), 'resource-specific')
    .option('--category <category>', 'kube-audit (every event) or kube-audit-admin (no get/list)', choiceOption(['kube-audit', 'kube-audit-admin'] as const), 'kube-audit')
    .option('--chunk <duration>', 'time per query (a chunk answered only in part is halved)', '1h');
  commonOptions(azure, 'https://api.loganalytics.io/v1, the API base').action(action('azure'));
}
