import { describe, expect, it } from 'vitest';
import type { AuditStage } from '../../shared/event/types.ts';
import type { RequestAttributes } from '../../shared/policy/attributes.ts';
import { evaluatePolicy } from '../../shared/policy/evaluate.ts';
import { policyOf, request } from './helpers.ts';

// The behaviours kube-apiserver's checker tests pin down (audit/policy/checker_test.go), as data:
// five requests, sixteen rules, and which level each combination of rules gives.

const REQUESTS: Record<string, RequestAttributes> = {
  namespaced: request({ namespace: 'default', resource: 'pods', name: 'busybox', path: '/api/v1/namespaces/default/pods/busybox' }),
  cluster: request({ apiGroup: 'rbac.authorization.k8s.io', resource: 'clusterroles', name: 'edit' }),
  nonResource: request({ isResourceRequest: false, path: '/logs/kubelet.log' }),
  subresource: request({ namespace: 'default', resource: 'pods', subresource: 'log', name: 'busybox' }),
  unauthenticated: { groups: [], verb: 'get', namespace: 'default', resource: 'pods', name: 'busybox', isResourceRequest: true },
};

const core = (...resources: string[]) => [{ group: '', resources }];
const RULES: Record<string, object> = {
  default: { level: 'Metadata' },
  create: { level: 'Request', verbs: ['create'] },
  tims: { level: 'Metadata', users: ['tim@k8s.io'] },
  humans: { level: 'Metadata', userGroups: ['humans'] },
  serviceAccounts: { level: 'Request', userGroups: ['system:serviceaccounts'] },
  getPods: { level: 'RequestResponse', verbs: ['get'], resources: core('pods') },
  getPodLogs: { level: 'Request', verbs: ['get'], resources: core('pods/log') },
  getAnything: { level: 'Request', verbs: ['get'], resources: core('*') },
  getAnyLog: { level: 'Request', verbs: ['get'], resources: core('*/log') },
  getPodsAndSubresources: { level: 'Request', verbs: ['get'], resources: core('pods/*') },
  getClusterRoles: { level: 'RequestResponse', verbs: ['get'], resources: [{ group: 'rbac.authorization.k8s.io', resources: ['clusterroles'] }], namespaces: [''] },
  getLogs: { level: 'RequestResponse', verbs: ['get'], nonResourceURLs: ['/logs*'] },
  getMetrics: { level: 'Request', verbs: ['get'], nonResourceURLs: ['/metrics'] },
  clusterRoleEdit: { level: 'Request', resources: [{ group: 'rbac.authorization.k8s.io', resources: ['clusterroles'], resourceNames: ['edit'] }] },
  omitRequestReceived: { level: 'Request', omitStages: ['RequestReceived'] },
  onlyPanic: { level: 'Request', omitStages: ['RequestReceived', 'ResponseStarted', 'ResponseComplete'] },
};

// request, expected level, rules in order
const LEVEL_CASES: [string, string, string[]][] = [
  ['namespaced', 'Metadata', ['default']],
  ['namespaced', 'None', ['create']],
  ['namespaced', 'Metadata', ['tims']],
  ['namespaced', 'Metadata', ['humans']],
  ['namespaced', 'None', ['serviceAccounts']],
  ['namespaced', 'RequestResponse', ['getPods']],
  ['namespaced', 'None', ['getClusterRoles']],
  ['namespaced', 'None', ['getLogs']],
  ['namespaced', 'None', ['getMetrics']],
  ['namespaced', 'Metadata', ['getMetrics', 'serviceAccounts', 'default']],
  ['namespaced', 'RequestResponse', ['getMetrics', 'getPods', 'default']],
  ['namespaced', 'RequestResponse', ['getPodLogs', 'getPods']],
  ['cluster', 'Metadata', ['default']],
  ['cluster', 'None', ['create']],
  ['cluster', 'Metadata', ['tims']],
  ['cluster', 'Metadata', ['humans']],
  ['cluster', 'None', ['serviceAccounts']],
  ['cluster', 'None', ['getPods']],
  ['cluster', 'RequestResponse', ['getClusterRoles']],
  ['cluster', 'Request', ['clusterRoleEdit', 'getClusterRoles']],
  ['cluster', 'None', ['getLogs']],
  ['cluster', 'None', ['getMetrics']],
  ['cluster', 'Metadata', ['getMetrics', 'serviceAccounts', 'default']],
  ['cluster', 'RequestResponse', ['getMetrics', 'getClusterRoles', 'default']],
  ['cluster', 'None', ['getPodLogs', 'getPods']],
  ['nonResource', 'Metadata', ['default']],
  ['nonResource', 'None', ['create']],
  ['nonResource', 'Metadata', ['tims']],
  ['nonResource', 'Metadata', ['humans']],
  ['nonResource', 'None', ['serviceAccounts']],
  ['nonResource', 'None', ['getPods']],
  ['nonResource', 'None', ['getClusterRoles']],
  ['nonResource', 'RequestResponse', ['getLogs']],
  ['nonResource', 'None', ['getMetrics']],
  ['nonResource', 'Metadata', ['getMetrics', 'serviceAccounts', 'default']],
  ['nonResource', 'RequestResponse', ['getLogs', 'getClusterRoles', 'default']],
  ['nonResource', 'None', ['getPodLogs', 'getPods']],
  ['subresource', 'Request', ['getPodLogs', 'getPods']],
  ['subresource', 'Request', ['getAnything']],
  ['subresource', 'Request', ['getAnyLog']],
  ['subresource', 'Request', ['getPodsAndSubresources']],
  ['unauthenticated', 'None', ['tims']],
  ['unauthenticated', 'Metadata', ['tims', 'default']],
  ['unauthenticated', 'None', ['humans']],
  ['unauthenticated', 'Metadata', ['humans', 'default']],
];

const decide = (req: string, names: string[], policyStages?: AuditStage[]) => {
  const policy = policyOf(
    names.map((n) => RULES[n]!),
    policyStages === undefined ? {} : { omitStages: policyStages },
  );
  return evaluatePolicy(policy, REQUESTS[req]!);
};

describe('evaluatePolicy: the apiserver checker behaviours', () => {
  it.each(LEVEL_CASES)('%s request gets %s from rules %j', (req, level, names) => {
    expect(decide(req, names).level).toBe(level);
  });

  it.each(LEVEL_CASES)('%s request gets %s from rules %j with policy omitStages, which it inherits', (req, level, names) => {
    const stages: AuditStage[] = ['RequestReceived', 'ResponseStarted'];
    const d = decide(req, names, stages);
    expect(d.level).toBe(level);
    expect(d.omitStages).toEqual(stages);
  });

  it.each(['namespaced', 'cluster', 'nonResource'])('%s: the first matching rule brings its own omitStages', (req) => {
    expect(decide(req, ['omitRequestReceived', 'getPods', 'default'])).toMatchObject({ level: 'Request', omitStages: ['RequestReceived'], ruleIndex: 0 });
    expect(decide(req, ['onlyPanic', 'getPods', 'default']).omitStages).toEqual(['RequestReceived', 'ResponseStarted', 'ResponseComplete']);
  });

  it('unions the policy omitStages with the rule omitStages', () => {
    const policyStages: AuditStage[] = ['RequestReceived', 'ResponseStarted'];
    expect(decide('namespaced', ['omitRequestReceived', 'getPods', 'default'], policyStages).omitStages).toEqual(policyStages);
    expect(decide('namespaced', ['onlyPanic', 'getPods', 'default'], policyStages).omitStages).toEqual(['RequestReceived', 'ResponseStarted', 'ResponseComplete']);
    expect(decide('nonResource', ['default', 'omitRequestReceived', 'getPods'], policyStages)).toMatchObject({ level: 'Metadata', omitStages: policyStages });
  });

  it.each([
    [false, undefined, false],
    [true, undefined, true],
    [true, false, false],
    [false, true, true],
  ])('omitManagedFields: policy %s, rule %s gives %s', (policyWide, rule, want) => {
    const r = rule === undefined ? { level: 'RequestResponse', verbs: ['get'] } : { level: 'RequestResponse', verbs: ['get'], omitManagedFields: rule };
    const policy = policyOf([r], { omitManagedFields: policyWide });
    expect(evaluatePolicy(policy, request({ isResourceRequest: false, path: '/' })).omitManagedFields).toBe(want);
  });

  it('answers None with the policy settings when no rule matches', () => {
    const policy = policyOf([RULES.create!], { omitStages: ['Panic'], omitManagedFields: true });
    expect(evaluatePolicy(policy, REQUESTS.namespaced!)).toEqual({ level: 'None', omitStages: ['Panic'], omitManagedFields: true });
  });

  it('names the deciding rule by index and line', () => {
    const d = decide('namespaced', ['getMetrics', 'getPods', 'default']);
    expect(d).toMatchObject({ ruleIndex: 1 });
    expect(d.line).toBeGreaterThan(1);
  });
});
