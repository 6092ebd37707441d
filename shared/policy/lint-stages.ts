import { diagnostic, type Diagnostic } from './diagnostic.ts';
import { unionStages } from './levels.ts';
import type { Policy } from './types.ts';

/**
 * no-stages-left: omitting both RequestReceived and ResponseComplete leaves ordinary requests
 * without any event (only long-running ones reach ResponseStarted, and Panic is rare).
 */
export function lintStages(policy: Policy): Diagnostic[] {
  const silent = (stages: readonly string[]): string | undefined => {
    const omitted = new Set(unionStages(stages));
    if (!omitted.has('RequestReceived') || !omitted.has('ResponseComplete')) return undefined;
    if (omitted.has('ResponseStarted')) return 'only panics are recorded';
    return 'only long-running requests (watch, exec, port-forward) at ResponseStarted and panics are recorded';
  };
  const policyWide = silent(policy.omitStages);
  if (policyWide !== undefined) {
    const message = `omitStages leaves no stage that ordinary requests reach: ${policyWide}, for every rule`;
    return [diagnostic('warning', 'no-stages-left', policy.file, policy.keys.omitStages ?? policy.pos, 'omitStages', message)];
  }
  return policy.rules.flatMap((rule) => {
    const effect = rule.level === 'None' ? undefined : silent([...policy.omitStages, ...rule.omitStages]);
    if (effect === undefined) return [];
    const message = `with the policy's omitStages this rule leaves no stage that ordinary requests reach: ${effect}, so its level ${rule.level} hardly takes effect`;
    return [diagnostic('warning', 'no-stages-left', policy.file, rule.keys.omitStages ?? rule.pos, `rules[${rule.index}].omitStages`, message)];
  });
}
