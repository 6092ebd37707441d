import { describe, expect, it } from 'vitest';
import { ruleNeeds } from '../../shared/engine/analysis/index.ts';
import { ruleCoverage } from '../../shared/policy/rule-coverage.ts';
import { rulesetCoverage } from '../../shared/policy/ruleset-coverage.ts';
import { policyOf } from './helpers.ts';
import { loadRules, ruleYaml } from './rules-helper.ts';

const RULES = [
  ruleYaml('Secret Read', 'ka.verb in (get, list, watch) and ka.target.resource = secrets and not ka.user.name in (system:kube-controller-manager)'),
  ruleYaml('Pod Created Privileged', 'ka.verb = create and ka.target.resource = pods and not ka.target.subresource exists and ka.req.pod.containers.privileged intersects (true)'),
  ruleYaml('Exec', 'ka.target.resource = pods and ka.target.subresource = exec and ka.stage = ResponseStarted'),
  ruleYaml('Unauthenticated', 'ka.response.code = 401'),
  ruleYaml('Anonymous', 'ka.user.name = system:anonymous and not (ka.uri in (/healthz, /livez) or ka.uri startswith "/healthz?" or ka.uri startswith "/healthz/")'),
  ruleYaml('GKE Only', 'kadet.provider = gke and ka.verb = delete'),
].join('');

const needs = loadRules(RULES).map((r) => ruleNeeds(r, { provider: 'onprem' }));
const coverageOf = (rules: readonly object[], name: string, extra: Record<string, unknown> = {}) => {
  const policy = policyOf(rules, extra);
  return { c: ruleCoverage(policy, needs.find((n) => n.rule === name)!), policy };
};

describe('ruleCoverage', () => {
  it('finds secrets at None: the secrets rule is blind, naming the policy rule and its line', () => {
    const { c, policy } = coverageOf([{ level: 'None', resources: [{ group: '', resources: ['secrets'] }] }, { level: 'Metadata' }], 'Secret Read');
    expect(c).toMatchObject({ verdict: 'blind', reason: 'not-logged', needs: 'Metadata', gives: 'None', policyRule: { index: 0, line: policy.rules[0]!.pos.line } });
    expect(c.request).toMatch(/^(get|list|watch) secrets$/);
    expect(coverageOf([{ level: 'None', resources: [{ group: '', resources: ['secrets'] }] }, { level: 'Metadata' }], 'Exec').c.verdict).toBe('sighted');
  });

  it('does not count a None rule for users the rule excludes', () => {
    const rules = [{ level: 'None', users: ['system:kube-controller-manager'] }, { level: 'Metadata' }];
    expect(coverageOf(rules, 'Secret Read').c.verdict).toBe('sighted');
    expect(coverageOf([{ level: 'None', users: ['system:kube-scheduler'] }, { level: 'Metadata' }], 'Secret Read').c).toMatchObject({ verdict: 'blind', policyRule: { index: 0 } });
  });

  it('reports a rule logged below the level its fields need', () => {
    expect(coverageOf([{ level: 'Metadata' }], 'Pod Created Privileged').c).toMatchObject({ verdict: 'blind', reason: 'level', needs: 'Request', gives: 'Metadata', request: 'create pods' });
    const ok = [{ level: 'Request', verbs: ['create'], resources: [{ group: '', resources: ['pods'] }] }, { level: 'Metadata' }];
    expect(coverageOf(ok, 'Pod Created Privileged').c).toMatchObject({ verdict: 'sighted', gives: 'Request' });
  });

  it('reports the default None when no rule matches', () => {
    const c = coverageOf([{ level: 'Metadata', resources: [{ group: '', resources: ['pods'] }] }], 'Secret Read').c;
    expect(c).toMatchObject({ verdict: 'blind', reason: 'not-logged' });
    expect(c.policyRule).toBeUndefined();
  });

  it('finds a rule blinded by an omitted stage, the policy-wide one or a rule\'s', () => {
    const wide = coverageOf([{ level: 'Metadata' }], 'Exec', { omitStages: ['ResponseStarted'] });
    expect(wide.c).toMatchObject({ verdict: 'blind', reason: 'stage', omitStagesLine: wide.policy.keys['omitStages']!.line });
    expect(wide.c.policyRule).toBeUndefined();
    const { c, policy } = coverageOf([{ level: 'RequestResponse', resources: [{ group: '', resources: ['pods/exec'] }], omitStages: ['ResponseStarted'] }, { level: 'Metadata' }], 'Exec');
    expect(c).toMatchObject({ verdict: 'blind', reason: 'stage', policyRule: { index: 0, line: policy.rules[0]!.pos.line } });
    expect(coverageOf([{ level: 'Metadata' }], 'Exec', { omitStages: ['RequestReceived'] }).c.verdict).toBe('sighted');
  });

  it('knows failed authentication has no user: user and group rules cannot hide it', () => {
    const byGroup = [{ level: 'None', userGroups: ['system:authenticated'] }, { level: 'Metadata' }];
    expect(coverageOf(byGroup, 'Unauthenticated').c.verdict).toBe('sighted');
    expect(coverageOf([{ level: 'None', verbs: ['watch'] }, { level: 'Metadata' }], 'Unauthenticated').c).toMatchObject({ verdict: 'blind', request: 'watch <any resource>.<any group>' });
  });

  it('knows system:anonymous is only in system:unauthenticated', () => {
    expect(coverageOf([{ level: 'None', userGroups: ['system:nodes'] }, { level: 'Metadata' }], 'Anonymous').c.verdict).toBe('sighted');
    expect(coverageOf([{ level: 'None', userGroups: ['system:unauthenticated'] }, { level: 'Metadata' }], 'Anonymous').c.verdict).toBe('blind');
  });

  it('checks non-resource paths against the paths the rule excludes', () => {
    const exact = [{ level: 'None', nonResourceURLs: ['/healthz', '/healthz/*'] }, { level: 'Metadata' }];
    expect(coverageOf(exact, 'Anonymous').c.verdict).toBe('sighted');
    // The rule excludes /livez but not /livez?verbose, which has the same path.
    const livez = [{ level: 'None', nonResourceURLs: ['/livez'] }, { level: 'Metadata' }];
    expect(coverageOf(livez, 'Anonymous').c).toMatchObject({ verdict: 'blind', request: 'get /livez' });
    const prefix = [{ level: 'None', nonResourceURLs: ['/healthz*'] }, { level: 'Metadata' }];
    expect(coverageOf(prefix, 'Anonymous').c).toMatchObject({ verdict: 'blind', request: 'get /healthz…', policyRule: { index: 0 } });
  });

  it('says n/a for a rule that cannot fire on this provider', () => {
    expect(coverageOf([{ level: 'None' }], 'GKE Only').c).toMatchObject({ verdict: 'n/a' });
  });
});

describe('rulesetCoverage', () => {
  it('counts verdicts and sets accepted blind rules apart', () => {
    const policy = policyOf([{ level: 'None', resources: [{ group: '', resources: ['secrets'] }] }, { level: 'Metadata' }]);
    const all = rulesetCoverage(policy, needs);
    expect(all).toMatchObject({ sighted: 1, blind: 4, accepted: 0, notApplicable: 1 });
    const accepted = rulesetCoverage(policy, needs, { acceptBlind: ['Secret Read'] });
    expect(accepted).toMatchObject({ blind: 3, accepted: 1 });
    expect(accepted.rules.find((r) => r.rule === 'Secret Read')).toMatchObject({ verdict: 'blind', accepted: true });
  });
});
