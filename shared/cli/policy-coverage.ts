import type { NeedsWarning } from '../engine/analysis/index.ts';
import { rulesetCoverage, type RulesetCoverage } from '../policy/ruleset-coverage.ts';
import type { RuleCoverage } from '../policy/rule-coverage.ts';
import { EXIT } from './errors.ts';
import type { CliIO } from './io.ts';
import { loadNeedsForCli, loadPolicyForCli, warningLine } from './policy-load.ts';
import { table } from './policy-table.ts';

export interface CoverageCliOptions {
  rules?: string[];
  provider: string;
  acceptBlind?: string[];
  format: 'text' | 'json';
}

const REASON: Record<NonNullable<RuleCoverage['reason']>, string> = {
  'not-logged': 'not logged',
  level: 'logged below the level it reads',
  stage: 'its stage is omitted',
};

/** `kadet policy coverage POLICY`: whether the policy lets each rule fire; exit 1 when any rule is blind (unless accepted). */
export async function coverage(file: string, opts: CoverageCliOptions, io: CliIO): Promise<number> {
  const policy = loadPolicyForCli(file, io);
  const { needs, warnings } = await loadNeedsForCli(opts.rules, opts.provider, io);
  const result = rulesetCoverage(policy, needs, { provider: opts.provider, acceptBlind: opts.acceptBlind ?? [] });
  if (opts.format === 'json') {
    await io.out(JSON.stringify({ policy: file, provider: opts.provider, ...result, warnings }, null, 2) + '\n');
  } else {
    for (const w of warnings) io.err(warningLine(w));
    await io.out(coverageText(result, file, opts.provider, warnings));
  }
  return result.blind > 0 ? EXIT.findings : EXIT.ok;
}

/** The coverage table, blind rules first, then a summary line. */
export function coverageText(result: RulesetCoverage, file: string, provider: string, warnings: readonly NeedsWarning[] = []): string {
  const rank = (r: RulesetCoverage['rules'][number]): number => (r.verdict === 'blind' ? ('accepted' in r ? 1 : 0) : r.verdict === 'sighted' ? 2 : 3);
  const rows = [...result.rules]
    .sort((a, b) => rank(a) - rank(b))
    .map((r) => [r.rule, r.needs, r.verdict === 'n/a' ? '-' : r.gives, verdictText(r), whereText(r, file)]);
  const summary = `${result.rules.length} rule(s) against ${file} (provider ${provider}): ${result.sighted} sighted, ${result.blind} blind, ${result.accepted} accepted blind, ${result.notApplicable} n/a`;
  const note = warnings.length > 0 ? `, ${warnings.length} level warning(s) on stderr` : '';
  return table(['RULE', 'NEEDS', 'GIVES', 'VERDICT', 'WHERE'], rows) + `\n${summary}${note}\n`;
}

function verdictText(r: RulesetCoverage['rules'][number]): string {
  if (r.verdict !== 'blind') return r.verdict === 'n/a' ? 'n/a (cannot fire on this provider)' : `sighted${r.exact ? '' : ' (approx.)'}`;
  return `${'accepted' in r ? 'accepted ' : ''}BLIND: ${REASON[r.reason!]}`;
}

function whereText(r: RuleCoverage, file: string): string {
  if (r.request === undefined) return '';
  const by =
    r.omitStagesLine !== undefined
      ? `the policy's omitStages (${file}:${r.omitStagesLine})`
      : r.policyRule === undefined
        ? 'no rule matches (default None)'
        : `rule #${r.policyRule.index} (${file}:${r.policyRule.line})`;
  return `${r.request}: ${by}`;
}
