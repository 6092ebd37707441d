import { stringify } from 'yaml';
import type { RequestAttributes } from '../../shared/policy/attributes.ts';
import { lintPolicy } from '../../shared/policy/lint.ts';
import { parsePolicy } from '../../shared/policy/parse.ts';
import type { Policy } from '../../shared/policy/types.ts';

/** A v1 Policy from plain rule objects, as a YAML file would hold them. */
export function policyOf(rules: readonly object[], extra: Record<string, unknown> = {}): Policy {
  return parsePolicy(policyText(rules, extra), 'policy.yaml').policy;
}

/** The YAML text of a v1 Policy with these rules. */
export function policyText(rules: readonly object[], extra: Record<string, unknown> = {}): string {
  return stringify({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy', ...extra, rules });
}

/** Lint codes (with paths) found in YAML text, for compact assertions. */
export function codesOf(text: string): string[] {
  return lintPolicy(text, 'policy.yaml').map((d) => `${d.code} ${d.path}`);
}

/** Request attributes with the defaults of checker_test's user tim. */
export function request(over: Partial<RequestAttributes>): RequestAttributes {
  return { user: 'tim@k8s.io', groups: ['humans', 'developers'], verb: 'get', isResourceRequest: true, ...over };
}
