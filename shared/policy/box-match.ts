import { contains, finiteMembers, type Box } from '../engine/analysis/index.ts';
import { knownGroups } from './principals.ts';
import type { Policy, PolicyRule } from './types.ts';

/**
 * False when `rule` matches no request of `box`: it names users, groups, namespaces or verbs the
 * box excludes, or needs a user the box's requests do not have (failed authentication). Leaving
 * such rules out is exact, and it expresses what the coverage search cannot: prefixes and
 * exceptions on users, unauthenticated requests, groups a user cannot be in.
 */
export function canMatchBox(rule: PolicyRule, box: Box): boolean {
  const users = finiteMembers(box.dims.user);
  const restrictsUser = rule.users.length > 0 || rule.userGroups.length > 0;
  if (restrictsUser && users !== undefined && users.values.length === 0) return false;
  if (rule.users.length > 0 && !rule.users.some((u) => contains(box.dims.user, u))) return false;
  if (rule.userGroups.length > 0) {
    if (rule.userGroups.every((g) => box.groups.miss.has(g))) return false;
    const inGroup = (u: string): boolean => knownGroups(u)?.some((g) => rule.userGroups.includes(g)) ?? true;
    if (users !== undefined && !users.values.some(inGroup)) return false;
  }
  // Cluster-scoped requests have no namespace in the event and namespace "" for the policy.
  if (rule.namespaces.length > 0 && !rule.namespaces.some((ns) => contains(box.dims.namespace, ns === '' ? undefined : ns))) return false;
  return rule.verbs.length === 0 || rule.verbs.some((v) => contains(box.dims.verb, v));
}

/** The policy with only the rules that can match some request of `box` (indexes and lines kept). */
export function policyForBox(policy: Policy, box: Box): Policy {
  return { ...policy, rules: policy.rules.filter((r) => canMatchBox(r, box)) };
}
