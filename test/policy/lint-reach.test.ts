import { describe, expect, it } from 'vitest';
import { lintPolicy } from '../../shared/policy/lint.ts';
import { codesOf, policyText } from './helpers.ts';

const warnings = (rules: object[], code: string) =>
  lintPolicy(policyText(rules), 'p.yaml')
    .filter((d) => d.code === code)
    .map((d) => d.path);
const core = (...resources: string[]) => [{ group: '', resources }];

describe('lintPolicy: shadowed rules', () => {
  it.each<[string, object, object]>([
    ['a catch-all', { level: 'None' }, { level: 'Metadata', verbs: ['get'], resources: core('secrets') }],
    ['more users', { level: 'None', users: ['a', 'b'] }, { level: 'Metadata', users: ['a'] }],
    ['more groups', { level: 'None', userGroups: ['system:nodes', 'system:masters'] }, { level: 'Metadata', userGroups: ['system:nodes'] }],
    ['more verbs', { level: 'None', verbs: ['get', 'list', 'watch'] }, { level: 'Metadata', verbs: ['list'], resources: core('pods') }],
    ['more namespaces', { level: 'None', namespaces: ['a', 'b'] }, { level: 'Metadata', namespaces: ['a'], resources: core('pods') }],
    ['namespaces only', { level: 'None', namespaces: ['kube-system'] }, { level: 'Metadata', namespaces: ['kube-system'], resources: core('pods') }],
    ['the whole group', { level: 'None', resources: [{ group: 'apps' }] }, { level: 'Metadata', resources: [{ group: 'apps', resources: ['deployments/scale'] }] }],
    ['* over a subresource', { level: 'None', resources: core('*') }, { level: 'Metadata', resources: core('pods/exec') }],
    ['pods/* over pods', { level: 'None', resources: core('pods/*') }, { level: 'Metadata', resources: core('pods', 'pods/log') }],
    ['*/scale over a scale', { level: 'None', resources: [{ group: 'apps', resources: ['*/scale'] }] }, { level: 'Metadata', resources: [{ group: 'apps', resources: ['deployments/scale'] }] }],
    ['patterns spread over entries', { level: 'None', resources: [{ group: '', resources: ['pods'] }, { group: '', resources: ['secrets'] }] }, { level: 'Metadata', resources: core('secrets', 'pods') }],
    ['no resourceNames over some', { level: 'None', resources: core('configmaps') }, { level: 'Metadata', resources: [{ group: '', resources: ['configmaps'], resourceNames: ['x'] }] }],
    ['more resourceNames', { level: 'None', resources: [{ group: '', resources: ['configmaps'], resourceNames: ['x', 'y'] }] }, { level: 'Metadata', resources: [{ group: '', resources: ['configmaps'], resourceNames: ['y'] }] }],
    ['a URL prefix', { level: 'None', nonResourceURLs: ['/healthz*'] }, { level: 'Metadata', nonResourceURLs: ['/healthz/etcd', '/healthz/ping*'] }],
    ['the URL *', { level: 'None', nonResourceURLs: ['*'] }, { level: 'Metadata', nonResourceURLs: ['/metrics'] }],
  ])('warns when an earlier rule covers it: %s', (_name, earlier, later) => {
    expect(warnings([earlier, later], 'shadowed-rule')).toEqual(['rules[1]']);
  });

  it.each<[string, object, object]>([
    ['different users', { level: 'None', users: ['a'] }, { level: 'Metadata', users: ['b'] }],
    ['later is unrestricted by users', { level: 'None', users: ['a'] }, { level: 'Metadata' }],
    ['fewer verbs', { level: 'None', verbs: ['get'] }, { level: 'Metadata', verbs: ['get', 'list'] }],
    ['another group', { level: 'None', resources: core('pods') }, { level: 'Metadata', resources: [{ group: 'apps', resources: ['pods'] }] }],
    ['a subresource pattern over its resource', { level: 'None', resources: core('pods/log') }, { level: 'Metadata', resources: core('pods') }],
    ['plain resource over its subresources', { level: 'None', resources: core('pods') }, { level: 'Metadata', resources: core('pods/*') }],
    ['resourceNames over no resourceNames', { level: 'None', resources: [{ group: '', resources: ['configmaps'], resourceNames: ['x'] }] }, { level: 'Metadata', resources: core('configmaps') }],
    ['a resource rule over a rule of any kind', { level: 'None', namespaces: ['a'] }, { level: 'Metadata' }],
    ['resources over URLs', { level: 'None', resources: core('*') }, { level: 'Metadata', nonResourceURLs: ['*'] }],
    ['a narrower URL', { level: 'None', nonResourceURLs: ['/healthz'] }, { level: 'Metadata', nonResourceURLs: ['/healthz*'] }],
  ])('does not warn when it is not covered: %s', (_name, earlier, later) => {
    expect(warnings([earlier, later], 'shadowed-rule')).toEqual([]);
  });

  it('names the shadowing rule and its line, and says whether the level differs', () => {
    const [d] = lintPolicy(policyText([{ level: 'Metadata' }, { level: 'RequestResponse', resources: core('secrets') }]), 'p.yaml').filter((x) => x.code === 'shadowed-rule');
    expect(d!.message).toContain('rule #0 (line 4)');
    expect(d!.message).toContain('RequestResponse never applies');
    expect(d!.line).toBe(5);
  });
});

describe('lintPolicy: rules and parts that can never match', () => {
  it.each<[string, object]>([
    ['resourceNames with only create', { level: 'Metadata', verbs: ['create'], resources: [{ group: '', resources: ['configmaps'], resourceNames: ['x'] }] }],
    ['resourceNames with create and deletecollection', { level: 'Metadata', verbs: ['create', 'deletecollection'], resources: [{ group: '', resources: ['secrets'], resourceNames: ['x'] }] }],
    ['only */*', { level: 'Metadata', resources: core('*/*') }],
    ['a URL rule with resource verbs', { level: 'Metadata', verbs: ['list', 'watch'], nonResourceURLs: ['/metrics'] }],
    ['a resource rule with HTTP methods', { level: 'Metadata', verbs: ['post'], resources: core('pods') }],
    ['verbs: ["*"]', { level: 'Metadata', verbs: ['*'] }],
    ['users: ["*"]', { level: 'Metadata', users: ['*'] }],
    ['a cluster-scoped resource under namespaces', { level: 'Metadata', namespaces: ['kube-system'], resources: core('nodes') }],
  ])('%s', (_name, rule) => {
    expect(warnings([rule], 'never-matches')).toEqual(['rules[0]']);
  });

  it.each<[string, object]>([
    ['resourceNames with list (a fieldSelector on metadata.name names the object)', { level: 'Metadata', verbs: ['list', 'watch'], resources: [{ group: '', resources: ['configmaps'], resourceNames: ['x'] }] }],
    ['resourceNames with create on a subresource', { level: 'Metadata', verbs: ['create'], resources: [{ group: '', resources: ['pods/exec'], resourceNames: ['x'] }] }],
    ['a cluster-scoped resource with "" among namespaces', { level: 'Metadata', namespaces: ['', 'a'], resources: core('nodes') }],
    ['namespaces under namespaces (a namespace request has its own name as namespace)', { level: 'Metadata', namespaces: ['kube-system'], resources: core('namespaces') }],
    ['a URL rule with get', { level: 'Metadata', verbs: ['get'], nonResourceURLs: ['/metrics'] }],
  ])('does not call dead: %s', (_name, rule) => {
    expect(warnings([rule], 'never-matches')).toEqual([]);
  });

  it('does not report a dead rule as shadowed, nor let it shadow', () => {
    const codes = codesOf(policyText([{ level: 'None', verbs: ['*'] }, { level: 'Metadata', verbs: ['*'] }, { level: 'Request' }]));
    expect(codes.filter((c) => c.startsWith('never-matches') || c.startsWith('shadowed'))).toEqual(['never-matches rules[0]', 'never-matches rules[1]']);
  });

  it('points at the part that cannot match', () => {
    const ds = lintPolicy(policyText([{ level: 'Metadata', verbs: ['GET', 'post'], resources: [{ group: '', resources: ['deployments', 'Pods', 'pod', 'pods/log/*'] }] }]), 'p.yaml');
    const byPath = Object.fromEntries(ds.map((d) => [d.path, d.code]));
    expect(byPath).toMatchObject({
      'rules[0].verbs[0]': 'unknown-verb',
      'rules[0].verbs[1]': 'impossible-verb',
      'rules[0].resources[0].resources[0]': 'resource-group-mismatch',
      'rules[0].resources[0].resources[1]': 'resource-never-matches',
      'rules[0].resources[0].resources[2]': 'unknown-resource',
      'rules[0].resources[0].resources[3]': 'resource-never-matches',
    });
    expect(ds.find((d) => d.code === 'unknown-verb')!.message).toContain('did you mean "get"?');
    expect(ds.find((d) => d.code === 'impossible-verb')!.message).toContain('did you mean "create"?');
    expect(ds.find((d) => d.code === 'resource-group-mismatch')!.message).toContain('use group: apps');
  });

  it('warns when omitStages leave ordinary requests without events', () => {
    expect(warnings([{ level: 'Metadata', omitStages: ['RequestReceived', 'ResponseComplete'] }], 'no-stages-left')).toEqual(['rules[0].omitStages']);
    expect(warnings([{ level: 'None', omitStages: ['RequestReceived', 'ResponseComplete'] }], 'no-stages-left')).toEqual([]);
    expect(warnings([{ level: 'Metadata', omitStages: ['RequestReceived'] }], 'no-stages-left')).toEqual([]);
  });

  it('finds nothing to say about the Kubernetes documentation example policy', () => {
    const text = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages:
  - "RequestReceived"
rules:
  - level: RequestResponse
    resources:
    - group: ""
      resources: ["pods"]
  - level: Metadata
    resources:
    - group: ""
      resources: ["pods/log", "pods/status"]
  - level: None
    resources:
    - group: ""
      resources: ["configmaps"]
      resourceNames: ["controller-leader"]
  - level: None
    users: ["system:kube-proxy"]
    verbs: ["watch"]
    resources:
    - group: ""
      resources: ["endpoints", "services"]
  - level: None
    userGroups: ["system:authenticated"]
    nonResourceURLs:
    - "/api*"
    - "/version"
  - level: Request
    resources:
    - group: ""
      resources: ["configmaps"]
    namespaces: ["kube-system"]
  - level: Metadata
    resources:
    - group: ""
      resources: ["secrets", "configmaps"]
  - level: Request
    resources:
    - group: ""
    - group: "extensions"
  - level: Metadata
    omitStages:
      - "RequestReceived"
`;
    expect(lintPolicy(text, 'audit-policy.yaml')).toEqual([]);
  });
});
