import { describe, expect, it } from 'vitest';
import { field, podCreate } from './helpers.ts';

const binding = podCreate((e) => {
  e.objectRef = { resource: 'clusterrolebindings', apiGroup: 'rbac.authorization.k8s.io', name: 'ops-admin' };
  e.requestObject = {
    kind: 'ClusterRoleBinding',
    metadata: { name: 'ops-admin' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [
      { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'alice' },
      { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'ops' },
      { kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' },
      { kind: 'ServiceAccount', name: 'nons' },
    ],
  };
});

const role = podCreate((e) => {
  e.objectRef = { resource: 'clusterroles', apiGroup: 'rbac.authorization.k8s.io', name: 'pod-exec' };
  e.requestObject = {
    kind: 'ClusterRole',
    rules: [
      { apiGroups: [''], resources: ['pods', 'pods/exec'], verbs: ['get', 'create'] },
      { nonResourceURLs: ['/metrics'], verbs: ['*'] },
    ],
  };
});

describe('ka binding fields', () => {
  it('renders each subject as compact JSON text', () => {
    expect(field('ka.req.binding.subjects', binding)).toEqual([
      '{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"alice"}',
      '{"kind":"Group","apiGroup":"rbac.authorization.k8s.io","name":"ops"}',
      '{"kind":"ServiceAccount","name":"deployer","namespace":"ci"}',
      '{"kind":"ServiceAccount","name":"nons"}',
    ]);
  });

  it('lists subject names by kind', () => {
    expect(field('ka.req.binding.subjects.user_names', binding)).toEqual(['alice']);
    expect(field('ka.req.binding.subjects.group_names', binding)).toEqual(['ops']);
    expect(field('ka.req.binding.subjects.serviceaccount_names', binding)).toEqual(['deployer', 'nons']);
    expect(field('ka.req.binding.subjects.serviceaccount_ns_names', binding)).toEqual(['ci:deployer', ':nons']);
  });

  it('is absent for a kind with no subjects', () => {
    const usersOnly = podCreate((e) => (e.requestObject = { subjects: [{ kind: 'User', name: 'bob' }] }));
    expect(field('ka.req.binding.subjects.group_names', usersOnly)).toBeUndefined();
  });

  it('reads the bound role', () => {
    expect(field('ka.req.binding.role', binding)).toBe('cluster-admin');
  });

  it('keeps the deprecated has_name answering true for any key', () => {
    expect(field('ka.req.binding.subject.has_name', binding, 'anyone')).toBe('true');
  });

  it('reads nothing from a pod request', () => {
    expect(field('ka.req.binding.subjects', podCreate())).toBeUndefined();
    expect(field('ka.req.binding.role', podCreate())).toBeUndefined();
  });
});

describe('ka role fields', () => {
  it('renders each rule as compact JSON text', () => {
    expect(field('ka.req.role.rules', role)).toEqual([
      '{"apiGroups":[""],"resources":["pods","pods/exec"],"verbs":["get","create"]}',
      '{"nonResourceURLs":["/metrics"],"verbs":["*"]}',
    ]);
  });

  it('flattens an attribute over every rule, skipping rules without it', () => {
    expect(field('ka.req.role.rules.verbs', role)).toEqual(['get', 'create', '*']);
    expect(field('ka.req.role.rules.resources', role)).toEqual(['pods', 'pods/exec']);
    expect(field('ka.req.role.rules.apiGroups', role)).toEqual(['']);
    expect(field('ka.req.role.rules.nonResourceURLs', role)).toEqual(['/metrics']);
  });

  it('selects one rule with an index, yielding all its values', () => {
    expect(field('ka.req.role.rules.verbs', role, '0')).toEqual(['get', 'create']);
    expect(field('ka.req.role.rules.verbs', role, '1')).toBe('*');
    expect(field('ka.req.role.rules.resources', role, '1')).toBeUndefined();
    expect(field('ka.req.role.rules.verbs', role, '5')).toBeUndefined();
  });

  it('is absent when no rule has the attribute', () => {
    const noUrls = podCreate((e) => (e.requestObject = { rules: [{ verbs: ['get'] }] }));
    expect(field('ka.req.role.rules.nonResourceURLs', noUrls)).toBeUndefined();
  });
});
