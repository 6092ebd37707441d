import { describe, expect, it } from 'vitest';
import { policyLevelFor } from '../../shared/policy/coverage.ts';
import { policyOf } from './helpers.ts';

const secrets = { verbs: ['get', 'list'], resources: [{ group: '', resource: 'secrets' }] };

describe('policyLevelFor', () => {
  it('finds the rule that logs a resource at None', () => {
    const policy = policyOf([
      { level: 'RequestResponse', resources: [{ group: '', resources: ['pods'] }] },
      { level: 'None', resources: [{ group: '', resources: ['secrets', 'configmaps'] }] },
      { level: 'Metadata' },
    ]);
    const line = policy.rules[1]!.pos.line;
    expect(policyLevelFor(policy, secrets)).toMatchObject({ level: 'None', ruleIndex: 1, line, exact: true, example: { verb: 'get', resource: 'secrets' } });
  });

  it('answers the default None when no rule matches', () => {
    const r = policyLevelFor(policyOf([{ level: 'Metadata', verbs: ['delete'] }]), secrets);
    expect(r.level).toBe('None');
    expect(r.ruleIndex).toBeUndefined();
  });

  it('counts a rule for some users: those users get its level', () => {
    const policy = policyOf([{ level: 'None', users: ['system:kube-controller-manager'] }, { level: 'Metadata' }]);
    expect(policyLevelFor(policy, secrets)).toMatchObject({ level: 'None', ruleIndex: 0 });
    expect(policyLevelFor(policy, { ...secrets, users: ['alice'] })).toMatchObject({ level: 'Metadata', ruleIndex: 1 });
  });

  it('does not count a rule no request of the shape can reach past earlier rules', () => {
    const policy = policyOf([
      { level: 'RequestResponse', users: ['alice'] },
      { level: 'None', users: ['alice'] },
      { level: 'Metadata' },
    ]);
    expect(policyLevelFor(policy, secrets)).toMatchObject({ level: 'Metadata', ruleIndex: 2 });
  });

  it('tracks groups: a request can be in several groups at once', () => {
    const policy = policyOf([
      { level: 'Request', userGroups: ['a'] },
      { level: 'None', userGroups: ['a', 'b'] },
      { level: 'Metadata' },
    ]);
    expect(policyLevelFor(policy, secrets)).toMatchObject({ level: 'None', ruleIndex: 1 });
    const onlyA = policyOf([{ level: 'Request', userGroups: ['a'] }, { level: 'None', userGroups: ['a'] }, { level: 'Metadata' }]);
    expect(policyLevelFor(onlyA, secrets)).toMatchObject({ level: 'Metadata' });
  });

  it('knows resourceNames cannot catch a create of a new object', () => {
    const policy = policyOf([
      { level: 'None', resources: [{ group: '', resources: ['secrets'], resourceNames: ['x'] }] },
      { level: 'RequestResponse' },
    ]);
    expect(policyLevelFor(policy, { verbs: ['create'], resources: [{ resource: 'secrets' }] }).level).toBe('RequestResponse');
    expect(policyLevelFor(policy, { verbs: ['get'], resources: [{ resource: 'secrets' }] }).level).toBe('None');
    expect(policyLevelFor(policy, { verbs: ['list'], resources: [{ resource: 'secrets' }] }).level).toBe('None');
  });

  it('limits namespaces to those of the shape', () => {
    const policy = policyOf([{ level: 'None', namespaces: ['kube-system'] }, { level: 'Metadata' }]);
    expect(policyLevelFor(policy, { ...secrets, namespaces: ['prod'] }).level).toBe('Metadata');
    expect(policyLevelFor(policy, secrets).level).toBe('None');
  });

  it('covers every verb and resource when the shape leaves them open', () => {
    const policy = policyOf([
      { level: 'Metadata', resources: [{ group: '', resources: ['pods'] }] },
      { level: 'None', resources: [{ group: 'apps', resources: ['*/scale'] }] },
      { level: 'Request' },
    ]);
    expect(policyLevelFor(policy, { verbs: [], resources: [] })).toMatchObject({ level: 'None', ruleIndex: 1, example: { group: 'apps', subresource: 'scale' } });
    expect(policyLevelFor(policyOf([{ level: 'Metadata' }]), { verbs: [], resources: [] })).toMatchObject({ level: 'Metadata', exact: true });
  });

  it('reports the omitStages of the deciding rule with the policy ones', () => {
    const policy = policyOf([{ level: 'Metadata', omitStages: ['ResponseComplete'] }], { omitStages: ['RequestReceived'] });
    expect(policyLevelFor(policy, secrets).omitStages).toEqual(['RequestReceived', 'ResponseComplete']);
  });
});
