import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CliIO } from './io.ts';
import { choiceOption, collect } from './options.ts';
import type { CoverageCliOptions } from './policy-coverage.ts';
import type { EvalOptions } from './policy-eval.ts';
import type { RecommendCliOptions } from './policy-recommend.ts';
import type { SimulateOptions } from './policy-simulate.ts';

// The subcommands' code is imported when one runs, not when the CLI starts: every `kadet` run
// (a scan included) registers these commands, and loading their modules up front cost startup time.

type Run = (code: Promise<number>) => void;

const format = (): Option => new Option('--format <format>', 'text for people, json for machines').argParser(choiceOption(['text', 'json'] as const)).default('text');
const rulesOption = (): Option => new Option('--rules <path>', 'rule file or directory (repeatable; default: the bundled rules/)').argParser(collect);
const providerOption = (): Option =>
  new Option('--provider <provider>', 'kadet.provider of the cluster the policy runs on: rules limited to other providers do not count').default('onprem');
const acceptOption = (): Option => new Option('--accept-blind <rule>', 'a rule allowed to be blind (repeatable): reported, not failed').argParser(collect);

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`expected a whole number, got ${value}`);
  return n;
}

/** Registers `policy lint|eval|simulate|coverage|recommend`. */
export function registerPolicy(program: Command, io: CliIO, run: Run): void {
  const policy = program.command('policy').description('lint, evaluate, simulate and check kube-apiserver audit policies against the rules');
  policy
    .command('lint')
    .description("the apiserver's validation errors and what it silently ignores, with file:line and field path; exit 1 on errors")
    .argument('<files...>', 'audit Policy files')
    .addOption(format())
    .action((files: string[], o: { format: 'text' | 'json' }) => run(import('./policy-lint.ts').then((m) => m.lintPolicyFiles(files, o.format, io))));
  policy
    .command('eval')
    .description('the level, omitted stages and matching rule for one request, with the apiserver\'s semantics')
    .argument('<file>', 'audit Policy file')
    .requiredOption('--verb <verb>', 'get, list, watch, create, update, patch, delete… (HTTP method in lower case for --path)')
    .option('--user <name>', 'the authenticated user (omit for a request that failed authentication)')
    .option('--groups <groups>', 'the user\'s groups, comma-separated (repeatable)', collect)
    .option('--resource <resource>', 'resource (plural, lower case), or resource/subresource')
    .option('--subresource <subresource>', 'subresource, e.g. exec, status')
    .option('--namespace <namespace>', 'namespace (omit for a cluster-scoped request)')
    .option('--name <name>', 'object name')
    .option('--api-group <group>', 'API group ("" or omitted: core)')
    .option('--path <path>', 'request path; alone it makes a non-resource request (/healthz, /metrics)')
    .addOption(format())
    .action((file: string, o: EvalOptions) => run(import('./policy-eval.ts').then((m) => m.evalPolicy(file, o, io))));
  policy
    .command('simulate')
    .description('replay recorded events through the policy: volume per level, reduction, heaviest users and resources, rules that would lose findings (exit 1 if any)')
    .argument('<policy>', 'audit Policy file')
    .argument('<logs...>', 'audit logs in any format kadet reads (- for stdin)')
    .addOption(rulesOption())
    .option('--top <n>', 'how many users and resources to list', positiveInt, 10)
    .addOption(format())
    .action((file: string, logs: string[], o: SimulateOptions) => run(import('./policy-simulate.ts').then((m) => m.simulate(file, logs, o, io))));
  policy
    .command('coverage')
    .description('for every rule, whether the policy logs what it fires on at the level it reads; exit 1 if any rule is blind')
    .argument('<policy>', 'audit Policy file')
    .addOption(rulesOption())
    .addOption(providerOption())
    .addOption(acceptOption())
    .addOption(format())
    .action((file: string, o: CoverageCliOptions) => run(import('./policy-coverage.ts').then((m) => m.coverage(file, o, io))));
  policy
    .command('recommend')
    .description('write a policy that keeps every rule sighted and drops the usual noise, with a comment on every rule saying why')
    .addOption(rulesOption())
    .option('--from <log>', 'recorded audit log (repeatable): also drop its heaviest traffic no rule fires on', collect)
    .option('--out <file>', 'write the policy here instead of stdout')
    .addOption(providerOption())
    .addOption(acceptOption())
    .addOption(format())
    .action((o: RecommendCliOptions) => run(import('./policy-recommend.ts').then((m) => m.recommend(o, io))));
  for (const sub of policy.commands) sub.exitOverride();
  policy.exitOverride();
}
