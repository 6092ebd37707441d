import { describe, expect, it } from 'vitest';
import type { RequestAttributes } from '../../shared/policy/attributes.ts';
import { evaluatePolicy } from '../../shared/policy/evaluate.ts';
import { policyOf, request } from './helpers.ts';

// One dimension at a time: a single rule at Metadata, a request that matches and one that does not.
const pod = (over: Partial<RequestAttributes> = {}) => request({ namespace: 'prod', resource: 'pods', name: 'web-1', ...over });
const url = (path: string, over: Partial<RequestAttributes> = {}) => request({ isResourceRequest: false, path, ...over });

const CASES: [string, object, RequestAttributes, boolean][] = [
  ['users: exact name', { users: ['tim@k8s.io'] }, pod(), true],
  ['users: other name', { users: ['bob'] }, pod(), false],
  ['users: case matters', { users: ['Tim@k8s.io'] }, pod(), false],
  ['users: no user information', { users: ['tim@k8s.io'] }, { ...pod(), user: undefined }, false],
  ['users: "*" is literal', { users: ['*'] }, pod(), false],
  ['userGroups: any one group', { userGroups: ['ops', 'developers'] }, pod(), true],
  ['userGroups: none of them', { userGroups: ['ops'] }, pod(), false],
  ['userGroups: no user information', { userGroups: ['humans'] }, { ...pod(), user: undefined }, false],
  ['verbs: listed', { verbs: ['list', 'get'] }, pod(), true],
  ['verbs: not listed', { verbs: ['list'] }, pod(), false],
  ['verbs: "*" is literal', { verbs: ['*'] }, pod(), false],
  ['namespaces: listed', { namespaces: ['prod'] }, pod(), true],
  ['namespaces: not listed', { namespaces: ['dev'] }, pod(), false],
  ['namespaces: "" is cluster-scoped', { namespaces: [''] }, pod({ namespace: '', resource: 'nodes', name: 'n1' }), true],
  ['namespaces: "" excludes namespaced', { namespaces: [''] }, pod(), false],
  ['namespaces: never a non-resource request', { namespaces: [''] }, url('/healthz'), false],
  ['resources: group omitted is core', { resources: [{ resources: ['pods'] }] }, pod(), true],
  ['resources: core does not reach apps', { resources: [{ resources: ['deployments'] }] }, pod({ apiGroup: 'apps', resource: 'deployments' }), false],
  ['resources: named group', { resources: [{ group: 'apps', resources: ['deployments'] }] }, pod({ apiGroup: 'apps', resource: 'deployments' }), true],
  ['resources: group with no resources is the whole group', { resources: [{ group: 'apps' }] }, pod({ apiGroup: 'apps', resource: 'statefulsets' }), true],
  ['resources: plain resource is not its subresource', { resources: [{ resources: ['pods'] }] }, pod({ subresource: 'log' }), false],
  ['resources: pods/log', { resources: [{ resources: ['pods/log'] }] }, pod({ subresource: 'log' }), true],
  ['resources: pods/log is not pods/exec', { resources: [{ resources: ['pods/log'] }] }, pod({ subresource: 'exec' }), false],
  ['resources: pods/* is pods itself', { resources: [{ resources: ['pods/*'] }] }, pod(), true],
  ['resources: pods/* is every pod subresource', { resources: [{ resources: ['pods/*'] }] }, pod({ subresource: 'exec' }), true],
  ['resources: pods/* is not services', { resources: [{ resources: ['pods/*'] }] }, pod({ resource: 'services' }), false],
  ['resources: */scale', { resources: [{ group: 'apps', resources: ['*/scale'] }] }, pod({ apiGroup: 'apps', resource: 'deployments', subresource: 'scale' }), true],
  ['resources: */scale is not the resource', { resources: [{ group: 'apps', resources: ['*/scale'] }] }, pod({ apiGroup: 'apps', resource: 'deployments' }), false],
  ['resources: * is everything in the group', { resources: [{ resources: ['*'] }] }, pod({ subresource: 'exec' }), true],
  ['resources: * stays in its group', { resources: [{ resources: ['*'] }] }, pod({ apiGroup: 'apps', resource: 'deployments' }), false],
  ['resources: */* matches nothing', { resources: [{ resources: ['*/*'] }] }, pod({ subresource: 'log' }), false],
  ['resources: never a non-resource request', { resources: [{ resources: ['*'] }] }, url('/api'), false],
  ['resourceNames: listed name', { resources: [{ resources: ['pods'], resourceNames: ['web-1'] }] }, pod(), true],
  ['resourceNames: other name', { resources: [{ resources: ['pods'], resourceNames: ['web-2'] }] }, pod(), false],
  ['resourceNames: a create has no name', { resources: [{ resources: ['pods'], resourceNames: ['web-1'] }] }, pod({ verb: 'create', name: undefined }), false],
  ['resourceNames: a plain list has no name', { resources: [{ resources: ['pods'], resourceNames: ['web-1'] }] }, pod({ verb: 'list', name: undefined }), false],
  ['resourceNames: a list by metadata.name has one', { resources: [{ resources: ['pods'], resourceNames: ['web-1'] }] }, pod({ verb: 'list' }), true],
  ['resourceNames: ignored without resources', { resources: [{ resourceNames: ['other'] }] }, pod(), true],
  ['nonResourceURLs: exact', { nonResourceURLs: ['/healthz'] }, url('/healthz'), true],
  ['nonResourceURLs: exact is not a prefix', { nonResourceURLs: ['/healthz'] }, url('/healthz/etcd'), false],
  ['nonResourceURLs: trailing * is a prefix', { nonResourceURLs: ['/healthz*'] }, url('/healthz/etcd'), true],
  ['nonResourceURLs: prefix needs the prefix', { nonResourceURLs: ['/healthz/*'] }, url('/healthz'), false],
  ['nonResourceURLs: * is every URL', { nonResourceURLs: ['*'] }, url('/version'), true],
  ['nonResourceURLs: never a resource request', { nonResourceURLs: ['*'] }, pod(), false],
  ['nonResourceURLs: the verb is the HTTP method', { nonResourceURLs: ['/x*'], verbs: ['post'] }, url('/x/y', { verb: 'post' }), true],
  ['no restriction: a resource request', {}, pod(), true],
  ['no restriction: a non-resource request', {}, url('/metrics'), true],
  ['resources and URLs (invalid): resources decide', { resources: [{ resources: ['pods'] }], nonResourceURLs: ['*'] }, url('/x'), false],
];

describe('evaluatePolicy: one dimension at a time', () => {
  it.each(CASES)('%s', (_name, rule, attrs, matches) => {
    const d = evaluatePolicy(policyOf([{ level: 'Metadata', ...rule }]), attrs);
    expect(d.level).toBe(matches ? 'Metadata' : 'None');
  });

  it('lets the first matching rule win even when a later one logs more', () => {
    const policy = policyOf([
      { level: 'None', verbs: ['get'] },
      { level: 'RequestResponse', resources: [{ resources: ['secrets'] }] },
    ]);
    expect(evaluatePolicy(policy, pod({ resource: 'secrets' }))).toMatchObject({ level: 'None', ruleIndex: 0 });
    expect(evaluatePolicy(policy, pod({ resource: 'secrets', verb: 'delete' }))).toMatchObject({ level: 'RequestResponse', ruleIndex: 1 });
  });

  it('treats a rule with an invalid level as None (the apiserver would not load it)', () => {
    expect(evaluatePolicy(policyOf([{ level: 'requestresponse' }]), pod())).toMatchObject({ level: 'None', ruleIndex: 0 });
  });
});
