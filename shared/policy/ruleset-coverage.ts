import type { RuleNeeds } from '../engine/analysis/index.ts';
import { ruleCoverage, type CoverageOptions, type RuleCoverage } from './rule-coverage.ts';
import type { Policy } from './types.ts';

/** Coverage of a whole ruleset; `accepted` marks blind rules the caller chose to live with. */
export interface RulesetCoverage {
  rules: (RuleCoverage & { accepted?: true })[];
  sighted: number;
  /** Blind and not accepted: what makes `kadet policy coverage` fail. */
  blind: number;
  accepted: number;
  notApplicable: number;
}

/** Options of a ruleset coverage check. */
export interface RulesetCoverageOptions extends CoverageOptions {
  /** Names of rules whose blindness is accepted (reported, not counted as blind). */
  acceptBlind?: readonly string[];
}

/** The coverage of every rule, in ruleset order. */
export function rulesetCoverage(policy: Policy, needs: readonly RuleNeeds[], opts: RulesetCoverageOptions = {}): RulesetCoverage {
  const accept = new Set(opts.acceptBlind ?? []);
  const rules = needs.map((n) => {
    const c = ruleCoverage(policy, n, opts);
    return c.verdict === 'blind' && accept.has(c.rule) ? { ...c, accepted: true as const } : c;
  });
  const count = (f: (r: (typeof rules)[number]) => boolean): number => rules.filter(f).length;
  return {
    rules,
    sighted: count((r) => r.verdict === 'sighted'),
    blind: count((r) => r.verdict === 'blind' && !('accepted' in r)),
    accepted: count((r) => 'accepted' in r),
    notApplicable: count((r) => r.verdict === 'n/a'),
  };
}
