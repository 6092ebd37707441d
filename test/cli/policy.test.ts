import { runCli, tempFiles } from '../helpers/cli.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TINY_POLICY, TINY_RULES, tinyLog } from '../policy/simulate-fixtures.ts';
import { policyText } from '../policy/helpers.ts';
import { ruleYaml } from '../policy/rules-helper.ts';

const { dir, write } = tempFiles('kadet-policy-');
const run = runCli;

const HEADER = 'apiVersion: audit.k8s.io/v1\nkind: Policy\n';
const SECRETS_NONE = write('secrets-none.yaml', policyText([{ level: 'None', resources: [{ group: '', resources: ['secrets'] }] }, { level: 'Metadata' }], { omitStages: ['RequestReceived'] }));
const TINY = write('tiny-policy.yaml', policyText(TINY_POLICY.rules, TINY_POLICY.extra));
const TINY_RULES_FILE = write('tiny-rules.yaml', TINY_RULES);
const TINY_LOG = write('tiny.log', tinyLog().map((e) => JSON.stringify(e)).join('\n') + '\n');

describe('kadet policy lint', () => {
  it.each([
    ['apiVesion', 'apiVesion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n', ':1:1: error: unknown field "apiVesion"', 'did you mean "apiVersion"?'],
    ['resource:', `${HEADER}rules:\n- level: None\n  resource:\n  - group: ""\n`, ':5:3: error: unknown field "resource"', 'at rules[0].resource'],
    ['resouceNames:', `${HEADER}rules:\n- level: None\n  resources:\n  - group: ""\n    resources: [configmaps]\n    resouceNames: [leader]\n`, ':8:5: error: unknown field "resouceNames"', 'at rules[0].resources[0].resouceNames'],
    ['groups: " "', `${HEADER}rules:\n- level: Request\n  groups: " "\n`, ':5:3: error: unknown field "groups"', 'did you mean "userGroups"?'],
  ])('exits 1 on %s with file:line:col, the message and the field path', async (name, text, where, hint) => {
    const file = write(`typo-${name.replace(/\W/g, '')}.yaml`, text);
    const { code, out } = await run('policy', 'lint', file);
    expect(code).toBe(1);
    expect(out).toContain(`${file}${where}`);
    expect(out).toContain(hint);
    expect(out).toMatch(/1 file\(s\): [1-9]\d* error\(s\)/);
  });

  it('exits 0 with only warnings, and prints them', async () => {
    const file = write('warn.yaml', `${HEADER}rules:\n- level: Metadata\n  userGroups: [" "]\n- level: None\n`);
    const { code, out } = await run('policy', 'lint', file);
    expect(code).toBe(0);
    expect(out).toContain(`${file}:5:16: warning: blank value in userGroups`);
    expect(out).toContain('[blank-value] at rules[0].userGroups[0]');
    expect(out).toMatch(/0 error\(s\), [1-9]\d* warning\(s\)/);
  });

  it('gives every diagnostic as JSON with --format json', async () => {
    const { code, out } = await run('policy', 'lint', SECRETS_NONE, '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ diagnostics: [], errors: 0, warnings: 0 });
  });

  it('exits 2 for a file that does not exist', async () => {
    expect((await run('policy', 'lint', join(dir, 'missing.yaml'))).code).toBe(2);
  });
});

describe('kadet policy eval', () => {
  it('prints the level, omitted stages and the matching rule with its index and line', async () => {
    const { code, out } = await run('policy', 'eval', SECRETS_NONE, '--user', 'alice', '--groups', 'dev,system:authenticated', '--verb', 'get', '--resource', 'secrets', '--namespace', 'prod');
    expect(code).toBe(0);
    expect(out).toBe(`level:             None\nomitStages:        RequestReceived\nomitManagedFields: false\nrule:              #0 (rules[0], ${SECRETS_NONE}:6)\n`);
  });

  it('evaluates non-resource requests and reports the default when no rule matches', async () => {
    const file = write('pods-only.yaml', policyText([{ level: 'Request', resources: [{ group: '', resources: ['pods/exec'] }] }]));
    expect((await run('policy', 'eval', file, '--verb', 'get', '--path', '/healthz')).out).toContain('rule:              none matches: the default is level None');
    const json = JSON.parse((await run('policy', 'eval', file, '--verb', 'create', '--resource', 'pods/exec', '--format', 'json')).out);
    expect(json).toMatchObject({ level: 'Request', ruleIndex: 0, request: { resource: 'pods', subresource: 'exec', isResourceRequest: true } });
  });

  it('exits 2 without --resource or --path', async () => {
    const { code, err } = await run('policy', 'eval', SECRETS_NONE, '--verb', 'get');
    expect(code).toBe(2);
    expect(err).toContain('give --resource');
  });
});

describe('kadet policy simulate', () => {
  it('reports volume per level, the reduction and the rules that would lose findings (exit 1)', async () => {
    const { code, out } = await run('policy', 'simulate', TINY, TINY_LOG, '--rules', TINY_RULES_FILE);
    expect(code).toBe(1);
    expect(out).toMatch(/replayed on 4 event\(s\)/);
    expect(out).toMatch(/^None\s+2\s/m);
    expect(out).toMatch(/written: 2 event\(s\), .*: 50\.0% fewer events/);
    expect(out).toMatch(/^Secret Read\s+1\s+0\s+1$/m);
    expect(out).toMatch(/^Pod Named in Response\s+1\s+0\s+1$/m);
  });

  it('gives the numbers as JSON, and exits 0 when no rule loses findings', async () => {
    const keepAll = write('keep-all.yaml', policyText([{ level: 'RequestResponse' }]));
    const { code, out } = await run('policy', 'simulate', keepAll, TINY_LOG, '--rules', TINY_RULES_FILE, '--format', 'json');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report).toMatchObject({ input: { events: 4 }, written: { events: 4 }, reduction: { events: 0 } });
    expect(report.rules.every((r: { lost: number }) => r.lost === 0)).toBe(true);
  });
});

describe('kadet policy coverage', () => {
  const rules = write('cov-rules.yaml', [ruleYaml('Secret Read', 'ka.verb = get and ka.target.resource = secrets'), ruleYaml('Pod Deleted', 'ka.verb = delete and ka.target.resource = pods')].join(''));

  it('names the blind rule and the policy rule responsible, and exits 1', async () => {
    const { code, out } = await run('policy', 'coverage', SECRETS_NONE, '--rules', rules);
    expect(code).toBe(1);
    expect(out).toMatch(new RegExp(`^Secret Read\\s+Metadata\\s+None\\s+BLIND: not logged\\s+get secrets: rule #0 \\(${SECRETS_NONE.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:6\\)$`, 'm'));
    expect(out).toMatch(/^Pod Deleted\s+Metadata\s+Metadata\s+sighted/m);
    expect(out).toContain('2 rule(s) against');
    expect(out).toContain('1 sighted, 1 blind');
  });

  it('exits 0 when the blind rules are accepted, and gives JSON', async () => {
    const { code, out } = await run('policy', 'coverage', SECRETS_NONE, '--rules', rules, '--accept-blind', 'Secret Read', '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ blind: 0, accepted: 1, rules: [{ rule: 'Secret Read', accepted: true, policyRule: { index: 0, line: 6 } }, { rule: 'Pod Deleted', verdict: 'sighted' }] });
  });

  it('warns on stderr when a rule declares a level below what it reads', async () => {
    const declared = write('declared.yaml', ruleYaml('Host PID', 'ka.verb = create and ka.req.pod.host_pid = true', ['kadet:', '  level: Metadata']));
    const { err } = await run('policy', 'coverage', SECRETS_NONE, '--rules', declared);
    expect(err).toContain("rule 'Host PID': declares kadet.level Metadata but its condition reads ka.req.pod.host_pid (Request)");
  });
});

describe('kadet policy recommend', () => {
  it('writes a policy for the shipped rules that lint and coverage accept', { timeout: 60_000 }, async () => {
    const out = join(dir, 'recommended.yaml');
    const rec = await run('policy', 'recommend', '--out', out);
    expect(rec.code).toBe(0);
    expect(rec.out).toMatch(/0 blind/);
    expect((await run('policy', 'lint', out)).code).toBe(0);
    const cov = await run('policy', 'coverage', out);
    expect(cov.code).toBe(0);
    expect(cov.out).toMatch(/ 0 blind/);
    expect(readFileSync(out, 'utf8')).toMatch(/^# Audit policy recommended by `kadet policy recommend`/);
  });

  it('prints the policy on stdout and uses a recorded log with --from', async () => {
    const { code, out, err } = await run('policy', 'recommend', '--rules', TINY_RULES_FILE, '--from', TINY_LOG);
    expect(code).toBe(0);
    expect(out).toContain('apiVersion: audit.k8s.io/v1');
    expect(out).toMatch(/# On .*tiny\.log: 4 events/);
    expect(err).toMatch(/coverage of 4 rule\(s\): 4 sighted, 0 blind/);
  });
});
