import type { AuditEvent, AuditLevel, AuditStage } from '../event/types.ts';
import { attributesFromEvent, type RequestAttributes } from './attributes.ts';
import { isLevel, unionStages } from './levels.ts';
import { ruleMatches } from './match.ts';
import type { Policy } from './types.ts';

/** What the policy decides for one request; `ruleIndex` (0-based) and `line` name the rule, if one matched. */
export interface PolicyDecision {
  level: AuditLevel;
  omitStages: AuditStage[];
  omitManagedFields: boolean;
  ruleIndex?: number;
  line?: number;
}

/**
 * The apiserver's decision: the first matching rule wins; its omitStages are unioned with the
 * policy's; its omitManagedFields, when set, overrides the policy's; no match is level None with
 * the policy's settings. A rule whose level is invalid counts as None (such a policy never loads).
 */
export function evaluatePolicy(policy: Policy, attrs: RequestAttributes): PolicyDecision {
  const rule = policy.rules.find((r) => ruleMatches(r, attrs));
  if (rule === undefined) {
    return { level: 'None', omitStages: unionStages(policy.omitStages), omitManagedFields: policy.omitManagedFields };
  }
  return {
    level: isLevel(rule.level) ? rule.level : 'None',
    omitStages: unionStages(policy.omitStages, rule.omitStages),
    omitManagedFields: rule.omitManagedFields ?? policy.omitManagedFields,
    ruleIndex: rule.index,
    line: rule.pos.line,
  };
}

/** The decision the policy makes for the request a recorded event describes. */
export function levelForEvent(policy: Policy, ev: AuditEvent): PolicyDecision {
  return evaluatePolicy(policy, attributesFromEvent(ev));
}
