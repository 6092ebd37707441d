import { parseDocument, isMap, isSeq } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ruleNeeds } from '../../shared/engine/analysis/index.ts';
import { fieldRegistry } from '../../shared/engine/fields/index.ts';
import { loadRulePaths } from '../../shared/engine/index.ts';
import type { CanonicalEvent } from '../../shared/event/types.ts';
import { evaluatePolicy, lintPolicy, parsePolicy } from '../../shared/policy/index.ts';
import { recommendPolicy } from '../../shared/policy/recommend/build.ts';
import { recommendWithLog } from '../../shared/policy/recommend/from-log.ts';
import { rulesetCoverage } from '../../shared/policy/ruleset-coverage.ts';
import { defaultRulesDir } from '../../shared/paths.ts';
import { sampleEvent } from '../helpers/events.ts';
import { request } from './helpers.ts';
import { loadRules, ruleYaml } from './rules-helper.ts';

const needsOf = (text: string) => loadRules(text).map((r) => ruleNeeds(r, { provider: 'onprem' }));

/** The comment above each rule of a policy text, in order (the parser hangs the first one on the list). */
function ruleComments(yaml: string): (string | undefined)[] {
  const rules = parseDocument(yaml).get('rules', true);
  if (!isSeq(rules)) throw new Error('no rules');
  return rules.items.map((item, i) => (isMap(item) ? (item.commentBefore ?? (i === 0 ? rules.commentBefore : undefined) ?? undefined) : undefined));
}

describe('recommendPolicy on the shipped ruleset', () => {
  // Whatever rules/ holds: the recommendation must keep every rule sighted and load in the apiserver.
  it('passes lint without errors and leaves no rule blind, with a comment on every rule', async () => {
    const loaded = await loadRulePaths([defaultRulesDir()], fieldRegistry);
    expect(loaded.errors).toEqual([]);
    const needs = loaded.rules.map((r) => ruleNeeds(r, { provider: 'onprem' }));
    const { yaml } = recommendPolicy(needs);
    expect(lintPolicy(yaml, 'recommended.yaml').filter((d) => d.severity === 'error')).toEqual([]);
    const coverage = rulesetCoverage(parsePolicy(yaml, 'recommended.yaml').policy, needs);
    expect(coverage.rules.filter((r) => r.verdict === 'blind')).toEqual([]);
    expect(coverage.sighted + coverage.notApplicable).toBe(needs.length);
    const comments = ruleComments(yaml);
    expect(comments.length).toBeGreaterThan(0);
    expect(comments.every((c) => c !== undefined && c.trim().length > 20)).toBe(true);
  });
});

/** A comment's text with its line breaks and '#' marks taken out, for phrases that wrap. */
const flat = (yaml: string): string => yaml.replace(/\n\s*#\s*/g, ' ');

const HEALTH = ['/healthz', '/livez', '/readyz'].map((p) => `ka.uri = ${p} or ka.uri startswith "${p}?" or ka.uri startswith "${p}/"`).join(' or ');

describe('recommendPolicy', () => {
  const RULES = [
    ruleYaml('Secret Read', 'ka.verb in (get, list, watch) and ka.target.resource = secrets and not ka.user.name in (system:kube-controller-manager)'),
    ruleYaml('Privileged Pod', 'ka.verb = create and ka.target.resource = pods and not ka.target.subresource exists and ka.req.pod.containers.privileged intersects (true)'),
    ruleYaml('Anonymous', `ka.user.name = system:anonymous and not (${HEALTH})`),
  ].join('');
  const policyOf = (yaml: string) => parsePolicy(yaml, 'p.yaml').policy;

  it('drops the usual noise, keeps what rules need, and grants the levels they read', () => {
    const { yaml, coverage } = recommendPolicy(needsOf(RULES));
    const p = policyOf(yaml);
    const level = (over: Parameters<typeof request>[0]) => evaluatePolicy(p, request(over)).level;
    const node = { user: 'system:node:n1', groups: ['system:nodes', 'system:authenticated'] };
    expect(level({ ...node, verb: 'get', resource: 'configmaps', namespace: 'prod' })).toBe('None');
    expect(level({ ...node, verb: 'watch', resource: 'secrets', namespace: 'prod' })).toBe('Metadata');
    expect(level({ user: 'system:kube-proxy', groups: ['system:authenticated'], verb: 'watch', resource: 'endpoints' })).toBe('None');
    expect(level({ verb: 'create', resource: 'pods', namespace: 'prod' })).toBe('Request');
    expect(level({ verb: 'create', resource: 'events', apiGroup: 'events.k8s.io', namespace: 'prod', groups: ['system:authenticated'] })).toBe('None');
    expect(level({ verb: 'get', isResourceRequest: false, path: '/readyz', groups: ['system:authenticated'], resource: undefined })).toBe('None');
    // The anonymous rule fires on everything but health probes: discovery and metrics stay logged for system:anonymous.
    const anonymous = { user: 'system:anonymous', groups: ['system:unauthenticated'], isResourceRequest: false, verb: 'get' };
    expect(level({ ...anonymous, path: '/readyz/etcd' })).toBe('None');
    expect(level({ ...anonymous, path: '/version' })).toBe('Metadata');
    expect(level({ ...anonymous, path: '/metrics' })).toBe('Metadata');
    expect(level({ ...anonymous, groups: ['system:authenticated'], user: 'bob', path: '/metrics' })).toBe('None');
    expect(level({ verb: 'update', resource: 'deployments', apiGroup: 'apps', namespace: 'prod' })).toBe('Metadata');
    expect(yaml).toMatch(/omitStages: \[ RequestReceived \]/);
    expect(coverage).toMatchObject({ blind: 0, sighted: 3 });
  });

  it('says in the comment what a None rule left logged and for which rule', () => {
    const { yaml, narrowed } = recommendPolicy(needsOf(RULES));
    const kubelet = narrowed.find((n) => n.original.why.startsWith('Kubelets read'))!;
    expect(kubelet.removed).toContainEqual({ what: 'secrets', verbs: ['get', 'list', 'watch'], rules: ['Secret Read'] });
    expect(flat(yaml)).toContain("secrets (get, list, watch: 'Secret Read')");
  });

  it('keeps noise a rule can fire on, unless that rule is accepted as blind', () => {
    const rules = RULES + ruleYaml('Any Request', 'ka.useragent contains kube-hunter');
    const strict = recommendPolicy(needsOf(rules));
    expect(policyOf(strict.yaml).rules.filter((r) => r.level === 'None')).toEqual([]);
    expect(strict.yaml).toContain('Noise kept because rules can fire on it');
    const traded = recommendPolicy(needsOf(rules), { acceptBlind: ['Any Request'] });
    expect(policyOf(traded.yaml).rules.filter((r) => r.level === 'None').length).toBeGreaterThan(3);
    expect(flat(traded.yaml)).toContain("Hides requests from accepted blind rules: 'Any Request'");
    expect(traded.coverage).toMatchObject({ blind: 0, accepted: 1 });
  });

  it('keeps RequestReceived when a rule fires on it', () => {
    const { yaml } = recommendPolicy(needsOf(ruleYaml('Early', 'ka.stage = RequestReceived and ka.verb = delete')));
    expect(yaml).not.toContain('omitStages');
    expect(flat(yaml)).toContain("'Early' fire on RequestReceived");
  });
});

describe('recommendWithLog', () => {
  const heavyEvent = (user: string, resource: string): CanonicalEvent => {
    const ev = sampleEvent();
    ev.user = { username: user, groups: ['system:serviceaccounts', 'system:authenticated'] };
    ev.objectRef = { resource, namespace: 'argo', name: 'x', apiVersion: 'v1' };
    return { event: ev, origin: { provider: 'onprem' } };
  };
  const log = [
    ...Array.from({ length: 50 }, () => heavyEvent('system:serviceaccount:argo:controller', 'configmaps')),
    ...Array.from({ length: 30 }, () => heavyEvent('system:serviceaccount:argo:controller', 'secrets')),
    ...Array.from({ length: 5 }, () => heavyEvent('alice', 'pods')),
  ];
  const events = async function* () {
    yield* log;
  };

  it('adds None rules for the heaviest traffic no rule fires on, and says what the log shows', async () => {
    const rules = ruleYaml('Secret Read', 'ka.verb = get and ka.target.resource = secrets');
    const rec = await recommendWithLog(needsOf(rules), {}, events, 'audit.log');
    const p = parsePolicy(rec.yaml, 'p.yaml').policy;
    const sa = { user: 'system:serviceaccount:argo:controller', groups: ['system:authenticated'], verb: 'get', namespace: 'argo' };
    expect(evaluatePolicy(p, request({ ...sa, resource: 'configmaps' })).level).toBe('None');
    expect(evaluatePolicy(p, request({ ...sa, resource: 'secrets' })).level).toBe('Metadata');
    expect(flat(rec.yaml)).toMatch(/Heavy in the recorded log: system:serviceaccount:argo:controller get configmaps, 50 events/);
    // Its secret reads are as heavy, but a rule fires on them: they stay, and the header says why.
    expect(flat(rec.yaml)).toMatch(/Noise kept .* get secrets, 30 events.* Needed by 'Secret Read'/);
    expect(flat(rec.yaml)).toMatch(/On audit\.log: 85 events \(.*\) recorded; this policy writes 30 /);
    expect(rec.coverage.blind).toBe(0);
  });
});
