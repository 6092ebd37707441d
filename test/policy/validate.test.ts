import { describe, expect, it } from 'vitest';
import { lintPolicy } from '../../shared/policy/lint.ts';
import { policyText } from './helpers.ts';

// What kube-apiserver's validation accepts and refuses (apis/audit/validation, validation_test.go).
const errorsOf = (rules: object[], extra: Record<string, unknown> = {}) =>
  lintPolicy(policyText(rules, extra), 'p.yaml')
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.code} ${d.path}`);

const VALID: [string, object][] = [
  ['a defaulting rule', { level: 'Metadata' }],
  ['non-humans by group', { level: 'None', userGroups: ['system:serviceaccounts', 'system:nodes'] }],
  ['a specific request', { level: 'RequestResponse', verbs: ['get'], resources: [{ group: 'rbac.authorization.k8s.io', resources: ['roles', 'rolebindings'] }], namespaces: ['kube-system'] }],
  ['non-resource URLs', { level: 'Metadata', userGroups: ['developers'], nonResourceURLs: ['/logs*', '/healthz*', '/metrics', '*'] }],
  ['omitting RequestReceived', { level: 'Metadata', omitStages: ['RequestReceived'] }],
];

const INVALID: [string, object, string][] = [
  ['an empty rule', {}, 'missing-level rules[0].level'],
  ['a rule without level', { verbs: ['get'], resources: [{ resources: ['secrets'] }], namespaces: ['kube-system'] }, 'missing-level rules[0].level'],
  ['an unknown level', { level: 'FooBar' }, 'invalid-level rules[0].level'],
  ['URLs with namespaces', { level: 'Metadata', namespaces: ['default'], nonResourceURLs: ['/logs*'] }, 'urls-with-resources rules[0].nonResourceURLs'],
  ['URLs with resources', { level: 'Metadata', resources: [{ resources: ['secrets'] }], nonResourceURLs: ['/logs*'] }, 'urls-with-resources rules[0].nonResourceURLs'],
  ['a group with a version', { level: 'Metadata', resources: [{ group: 'rbac.authorization.k8s.io/v1beta1', resources: ['roles'] }] }, 'invalid-group rules[0].resources[0].group'],
  ['a relative URL', { level: 'Metadata', nonResourceURLs: ['logs', '/healthz*'] }, 'url-not-absolute rules[0].nonResourceURLs[0]'],
  ['an empty URL', { level: 'Metadata', nonResourceURLs: ['', '/healthz*'] }, 'url-not-absolute rules[0].nonResourceURLs[0]'],
  ['two wildcards in a URL', { level: 'Metadata', nonResourceURLs: ['/logs/*/*', '/metrics'] }, 'url-wildcard rules[0].nonResourceURLs[0]'],
  ['a wildcard inside a URL', { level: 'Metadata', nonResourceURLs: ['/logs/*.log', '/metrics'] }, 'url-wildcard rules[0].nonResourceURLs[0]'],
  ['resourceNames without resources', { level: 'Metadata', verbs: ['get'], resources: [{ resourceNames: ['leader'] }], namespaces: ['kube-system'] }, 'resource-names-without-resources rules[0].resources[0].resourceNames'],
  ['an unknown stage in a rule', { level: 'Metadata', omitStages: ['foo'] }, 'invalid-stage rules[0].omitStages[0]'],
  ['a blank group', { level: 'Metadata', resources: [{ group: ' ', resources: ['pods'] }] }, 'invalid-group rules[0].resources[0].group'],
  ['an upper-case group', { level: 'Metadata', resources: [{ group: 'Apps', resources: ['deployments'] }] }, 'invalid-group rules[0].resources[0].group'],
];

describe('validation (the apiserver refuses to start)', () => {
  it.each(VALID)('accepts %s', (_name, rule) => {
    expect(errorsOf([rule])).toEqual([]);
  });

  it('accepts all the valid rules together and a policy-wide omitStages', () => {
    expect(errorsOf(VALID.map(([, r]) => r), { omitStages: ['RequestReceived'] })).toEqual([]);
  });

  it.each(INVALID)('refuses %s', (_name, rule, expected) => {
    expect(errorsOf([rule])).toContain(expected);
  });

  it('refuses an invalid rule among valid ones, at its index', () => {
    expect(errorsOf([...VALID.map(([, r]) => r), {}])).toEqual(['missing-level rules[5].level']);
  });

  it('refuses an unknown stage in the policy-wide omitStages', () => {
    expect(errorsOf([{ level: 'Metadata' }], { omitStages: ['foo'] })).toEqual(['invalid-stage omitStages[0]']);
  });

  it('suggests the right spelling of a level and a stage', () => {
    const ds = lintPolicy(policyText([{ level: 'requestresponse', omitStages: ['requestReceived'] }]), 'p.yaml');
    expect(ds.find((d) => d.code === 'invalid-level')?.message).toContain('did you mean "RequestResponse"?');
    expect(ds.find((d) => d.code === 'invalid-stage')?.message).toContain('did you mean "RequestReceived"?');
  });

  it('suggests dropping the version from a group', () => {
    const ds = lintPolicy(policyText([{ level: 'Metadata', resources: [{ group: 'apps/v1', resources: ['deployments'] }] }]), 'p.yaml');
    expect(ds.find((d) => d.code === 'invalid-group')?.message).toContain('drop the version: group: apps');
  });
});

describe('the policy header (the apiserver refuses to start)', () => {
  const header = (text: string) => lintPolicy(text, 'p.yaml').map((d) => `${d.severity} ${d.code} ${d.line}`);
  const RULES = 'rules:\n- level: Metadata\n';

  it('accepts audit.k8s.io/v1 kind Policy', () => {
    expect(header(`apiVersion: audit.k8s.io/v1\nkind: Policy\n${RULES}`)).toEqual([]);
  });

  it.each([
    ['audit.k8s.io/v1beta1', 'removed-api-version'],
    ['audit.k8s.io/v1alpha1', 'removed-api-version'],
    ['v1', 'unknown-api-version'],
  ])('refuses apiVersion %s', (version, code) => {
    expect(header(`apiVersion: ${version}\nkind: Policy\n${RULES}`)).toEqual([`error ${code} 1`]);
  });

  it('refuses a missing apiVersion or kind, and another kind', () => {
    expect(header(`kind: Policy\n${RULES}`)).toEqual(['error missing-api-version 1']);
    expect(header(`apiVersion: audit.k8s.io/v1\n${RULES}`)).toEqual(['error missing-kind 1']);
    expect(header(`apiVersion: audit.k8s.io/v1\nkind: AuditPolicy\n${RULES}`)).toEqual(['error invalid-kind 2']);
  });

  it('refuses a policy without rules', () => {
    expect(header('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules: []\n')).toEqual(['error no-rules 3']);
    expect(header('apiVersion: audit.k8s.io/v1\nkind: Policy\n')).toEqual(['error no-rules 1']);
  });

  it('reports unreadable YAML as one yaml-syntax error', () => {
    expect(header('rules: [\n')).toEqual([expect.stringMatching(/^error yaml-syntax \d+$/)]);
  });
});
