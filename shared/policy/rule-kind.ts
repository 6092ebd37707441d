import type { PolicyRule } from './types.ts';

/** Which requests a rule can match at all: resource requests, non-resource requests, or both. */
export type RuleKind = 'resource' | 'nonResource' | 'any';

/** Namespaces or resources make a resource rule (they win over nonResourceURLs, as in the matcher). */
export function ruleKind(rule: PolicyRule): RuleKind {
  if (rule.namespaces.length > 0 || rule.resources.length > 0) return 'resource';
  return rule.nonResourceURLs.length > 0 ? 'nonResource' : 'any';
}
