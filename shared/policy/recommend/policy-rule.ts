import type { Policy, PolicyRule } from '../types.ts';
import type { DraftRule } from './draft.ts';

const NOWHERE = { pos: { line: 0, column: 0 }, keys: {}, values: {} };

/** A drafted rule as the policy library's rule, without positions (it is not in a file yet). */
export function toPolicyRule(d: DraftRule, index: number): PolicyRule {
  return {
    ...NOWHERE,
    index,
    level: d.level,
    users: d.users ?? [],
    userGroups: d.userGroups ?? [],
    verbs: d.verbs ?? [],
    resources: (d.resources ?? []).map((r) => ({ ...NOWHERE, group: r.group, resources: r.resources, resourceNames: [] })),
    namespaces: [],
    nonResourceURLs: d.nonResourceURLs ?? [],
    omitStages: [],
  };
}

/** A policy of drafted rules, for searches that only need the rules. */
export function toPolicy(rules: readonly DraftRule[]): Policy {
  return { ...NOWHERE, file: '<draft>', apiVersion: 'audit.k8s.io/v1', kind: 'Policy', rules: rules.map(toPolicyRule), omitStages: [], omitManagedFields: false };
}
