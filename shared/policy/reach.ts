import { dnsSubdomainProblems } from './dns.ts';
import { isClusterScoped } from './known-resources.ts';
import { classifyPattern } from './pattern.ts';
import { ruleKind } from './rule-kind.ts';
import type { GroupResources, PolicyRule } from './types.ts';
import { verbProblem } from './lint-verbs.ts';
import { NAMELESS_VERBS } from './verbs.ts';

// Whether a rule, or a part of it, can match any request at all.

/** Why a resources pattern of `gr` matches nothing in this rule, or undefined. */
export function patternProblem(rule: PolicyRule, gr: GroupResources, pattern: string): string | undefined {
  const shape = classifyPattern(pattern);
  if (shape.kind === 'never') return `"${pattern}" matches no request: ${shape.why}`;
  const resource = shape.kind === 'exact' || shape.kind === 'anySubresource' ? shape.resource : undefined;
  if (resource !== undefined && isClusterScoped(gr.group, resource) && rule.namespaces.length > 0 && !rule.namespaces.includes('')) {
    return `${resource} is cluster-scoped: its requests have namespace "", which namespaces does not list, so "${pattern}" never matches here; add "" to namespaces`;
  }
  return undefined;
}

/**
 * Why a resources entry with resourceNames matches nothing: every verb of the rule is one whose
 * request has no name at policy time, and no pattern reaches a subresource (whose requests are
 * named after the parent object).
 */
export function namesProblem(rule: PolicyRule, gr: GroupResources): string | undefined {
  if (gr.resourceNames.length === 0 || gr.resources.length === 0 || rule.verbs.length === 0) return undefined;
  if (gr.resourceNames.includes('')) return undefined; // '' is exactly the name such requests carry
  if (!rule.verbs.every((v) => NAMELESS_VERBS.has(v))) return undefined;
  const plain = gr.resources.every((p) => {
    const s = classifyPattern(p);
    return s.kind === 'never' || (s.kind === 'exact' && s.subresource === '');
  });
  if (!plain) return undefined;
  const why = 'a create of a new object (its name is in the body) or a deletecollection carries no name when the policy is evaluated';
  return `resourceNames never match ${rule.verbs.join('/')} here: ${why}`;
}

/** Whether one resources entry can match some request. */
function entryCanMatch(rule: PolicyRule, gr: GroupResources): boolean {
  if (gr.group !== '' && dnsSubdomainProblems(gr.group).length > 0) return false;
  if (gr.resources.length === 0) return true;
  if (namesProblem(rule, gr) !== undefined) return false;
  if (gr.resourceNames.length > 0 && gr.resourceNames.every((n) => deadValue('resourceNames', n))) return false;
  return gr.resources.some((p) => patternProblem(rule, gr, p) === undefined);
}

/** True for a list value that no real request carries: blank, padded, or a literal '*'. */
function deadValue(key: string, v: string): boolean {
  if (v === '' && key === 'namespaces') return false;
  return v.trim() === '' || v !== v.trim() || v.includes('*');
}

/** Why the rule can match no request at all, or undefined when some request can match it. */
export function neverMatchesReason(rule: PolicyRule): string | undefined {
  for (const key of ['users', 'userGroups', 'namespaces'] as const) {
    const values = rule[key];
    if (values.length > 0 && values.every((v) => deadValue(key, v))) return `every value of ${key} is blank, padded or a literal '*', which no request carries`;
  }
  if (rule.verbs.length > 0 && rule.verbs.every((v) => deadValue('verbs', v) || verbProblem(rule, v) !== undefined)) {
    const kind = ruleKind(rule) === 'nonResource' ? 'non-resource ' : ruleKind(rule) === 'resource' ? 'resource ' : '';
    return `none of its verbs (${rule.verbs.join(', ')}) occurs on the ${kind}requests it could match`;
  }
  if (rule.resources.length > 0 && !rule.resources.some((gr) => entryCanMatch(rule, gr))) return 'none of its resources entries can match a request';
  if (ruleKind(rule) === 'nonResource' && !rule.nonResourceURLs.some((u) => u === '*' || u.startsWith('/'))) return 'none of its nonResourceURLs begins with "/"';
  return undefined;
}
