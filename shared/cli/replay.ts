// `kadet replay aws|gcp|azure`: pull audit events for a time range from the cloud's log store and run them
// through the same adapters and rules as the live functions. Only the commander wiring is here: the
// implementation (replay-run.ts) is imported when a replay runs, and the sources' SDKs when a source is
// opened, so `kadet scan` pays for neither.
import type { Command } from 'commander';
import type { Priority } from '../engine/priority.ts';
import type { Cloud } from '../replay/errors.ts';
import type { CliIO } from './io.ts';
import { choiceOption, collect, priorityOption } from './options.ts';

/** Options every `replay` subcommand takes. */
export interface ReplayCommonOptions {
  since?: string;
  start?: string;
  end?: string;
  settle?: string;
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

function commonOptions(cmd: Command, endpointExample: string): Command {
  return cmd
    .option('--since <duration>', 'replay the last DURATION: 90m, 24h, 7d, 2w')
    .option('--start <time>', 'start of the range, RFC 3339 (2026-11-20T09:00:00Z)')
    .option('--end <time>', 'end of the range, RFC 3339 (default: now less --settle)')
    .option('--settle <duration>', 'without --end, stop this long before now: the newest events may not be readable yet (default 5m; 0 for none)')
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
  const action = (cloud: Cloud) => (opts: ReplayCommandOptions) => run(import('./replay-run.ts').then((m) => m.runReplay(cloud, opts, io)));
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
