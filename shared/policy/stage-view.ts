import type { AuditStage } from '../event/types.ts';
import { unionStages } from './levels.ts';
import type { Policy } from './types.ts';

/**
 * The policy as seen by requests that only produce events at `stages`: a rule whose omitStages
 * (with the policy's) drops all of them writes nothing for them, so it reads as level None. The
 * coverage search then finds stage blindness like any other None, naming the rule responsible.
 */
export function stageView(policy: Policy, stages: readonly AuditStage[]): Policy {
  const drops = (extra: readonly string[]): boolean => {
    const omitted = unionStages(policy.omitStages, extra);
    return stages.every((s) => omitted.includes(s));
  };
  return { ...policy, rules: policy.rules.map((r) => (drops(r.omitStages) ? { ...r, level: 'None' } : r)) };
}
