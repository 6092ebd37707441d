import { runCli } from '../helpers/cli.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldRegistry } from '../../shared/engine/fields/index.ts';
import { loadRuleSources, loadRulePaths } from '../../shared/engine/index.ts';
import { coverageRows, limitsFor, readDefinitions, ruleNeeds, statusOf, type RuleNeeds } from '../../shared/cli/rules-coverage.ts';
import { defaultRulesDir } from '../../shared/paths.ts';

const run = runCli;

const defsOf = (macros: Record<string, string>, lists: Record<string, string[]> = {}) => ({
  macros: new Map(Object.entries(macros)),
  lists: new Map(Object.entries(lists)),
  conditions: new Map<string, string>(),
});

const needs = (verbs: string[] | 'any', resources: string[] | 'any', fields: string[] = [], subresources: string[] | 'any' = 'any'): RuleNeeds => ({
  verbs: verbs === 'any' ? 'any' : new Set(verbs),
  resources: resources === 'any' ? 'any' : new Set(resources),
  subresources: subresources === 'any' ? 'any' : new Set(subresources),
  fields: new Set(fields),
});

describe('rules coverage: what a condition needs', () => {
  it('reads verbs and resources through macros and lists', () => {
    const defs = defsOf({ kread: 'ka.verb in (read_verbs)', secret: 'ka.target.resource = secrets' }, { read_verbs: ['get', 'list'] });
    const n = ruleNeeds('kread and secret and ka.user.name = bob', defs);
    expect(n.verbs).toEqual(new Set(['get', 'list']));
    expect(n.resources).toEqual(new Set(['secrets']));
    expect([...n.fields].sort()).toEqual(['ka.target.resource', 'ka.user.name', 'ka.verb']);
  });

  it('ignores what sits under a not: exemptions are not needs', () => {
    const defs = defsOf({ node: 'ka.user.groups intersects (system:nodes)' });
    const n = ruleNeeds('ka.target.resource = pods and not node and not ka.verb = get', defs);
    expect(n.fields.has('ka.user.groups')).toBe(false);
    expect(n.verbs).toBe('any');
  });

  it('keeps the argument of keyed fields', () => {
    const n = ruleNeeds('jevt.value[/impersonatedUser/groups] contains x', defsOf({}));
    expect([...n.fields]).toEqual(['jevt.value[/impersonatedUser/groups]']);
  });
});

describe('rules coverage: what each platform can see', () => {
  it('blinds EKS and GKE to secret bodies, and GKE reads need Data Access logs', () => {
    const n = needs(['get', 'list'], ['secrets']);
    expect(limitsFor('EKS', 'Request', n)).toEqual(['metadataOnly']);
    expect(limitsFor('GKE', 'Request', n)).toEqual(['metadataOnly', 'dataAccess']);
    expect(statusOf(limitsFor('GKE', 'Metadata', n))).toBe('cond');
    expect(limitsFor('AKS', 'Metadata', n)).toEqual(['aksReads']);
  });

  it('treats TokenRequest bodies as Metadata-only on the GCE-derived policy', () => {
    expect(statusOf(limitsFor('EKS', 'Request', needs(['create'], ['serviceaccounts'], [], ['token'])))).toBe('no');
    expect(statusOf(limitsFor('EKS', 'Request', needs(['create'], ['pods'])))).toBe('yes');
  });

  it('knows GKE loses groups, query strings and impersonation', () => {
    expect(limitsFor('GKE', 'Metadata', needs(['create'], ['pods'], ['ka.user.groups', 'ka.uri.param[command]']))).toEqual(['groups', 'query']);
    expect(statusOf(limitsFor('GKE', 'Metadata', needs('any', 'any', ['ka.impuser.name'])))).toBe('no');
  });

  it('says Events are not logged by the managed policies', () => {
    expect(statusOf(limitsFor('GKE', 'Metadata', needs(['delete'], ['events'])))).toBe('no');
    expect(statusOf(limitsFor('on-prem', 'Metadata', needs(['delete'], ['events'])))).toBe('yes');
  });

  it('asks self-managed clusters for a policy that logs bodies when a rule needs them', () => {
    expect(statusOf(limitsFor('on-prem', 'Request', needs(['create'], ['pods'])))).toBe('cond');
  });
});

describe('rules coverage of the shipped ruleset', async () => {
  const dir = defaultRulesDir();
  const loaded = await loadRulePaths([dir], fieldRegistry);
  const rows = coverageRows(loaded.rules, await readDefinitions([dir]));

  it('gives every rule a behaviour, an audit level and an ATT&CK technique', () => {
    const bad = loaded.rules.flatMap((r) => {
      const k = r.extra['kadet'] as { behaviour?: unknown; level?: unknown } | undefined;
      const problems: string[] = [];
      if (typeof k?.behaviour !== 'string') problems.push(`${r.name}: no kadet.behaviour`);
      if (!['Metadata', 'Request', 'RequestResponse'].includes(String(k?.level))) problems.push(`${r.name}: kadet.level ${String(k?.level)}`);
      if (!r.tags.some((t) => /^T\d{4}(\.\d{3})?$/.test(t))) problems.push(`${r.name}: no technique id in tags`);
      return problems;
    });
    expect(bad).toEqual([]);
  });

  it('puts every rule in exactly one row', () => {
    expect(rows.flatMap((r) => r.rules).sort()).toEqual(loaded.rules.map((r) => r.name).sort());
  });

  it('shows what the clouds cannot see', () => {
    const row = (b: string) => rows.find((r) => r.behaviour === b)!;
    expect(row('credentials-in-configmap').clouds.GKE.status).toBe('no');
    expect(row('anti-forensics').clouds.EKS.notes).toContain('events');
    expect(row('impersonation').clouds.GKE.notes).toContain('impersonation');
    expect(row('secret-access').clouds.GKE.notes).toContain('dataAccess');
    expect(row('secret-access').clouds.AKS.notes).toContain('aksReads');
    expect(row('host-path-mount').clouds.EKS.status).toBe('yes');
  });

  it('is listed, every rule of it, in rules/README.md', () => {
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');
    expect(loaded.rules.filter((r) => !readme.includes(`| ${r.name} | ${r.priority} |`)).map((r) => r.name)).toEqual([]);
  });

  it('falls back to "(none)" for a rule without kadet keys', async () => {
    const res = loadRuleSources([{ file: 'x.yaml', text: '- rule: R\n  desc: d\n  condition: ka.verb = get\n  output: o\n  priority: Notice\n  source: k8s_audit\n' }], fieldRegistry);
    const [only] = coverageRows(res.rules, defsOf({}));
    expect(only).toMatchObject({ behaviour: '(none)', level: 'Metadata', rules: ['R'] });
  });
});

describe('kadet rules coverage', () => {
  it('prints the Markdown table that rules/COVERAGE.md holds', async () => {
    const { code, out } = await run('rules', 'coverage');
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toBe('| behaviour | rules | MITRE ATT&CK | audit level | EKS | GKE | AKS | on-prem |');
    expect(out, 'regenerate with: node shared/cli/kadet.js rules coverage > rules/COVERAGE.md').toBe(
      readFileSync(join(defaultRulesDir(), 'COVERAGE.md'), 'utf8'),
    );
  });

  it('prints JSON rows with --format json', async () => {
    const { code, out } = await run('rules', 'coverage', '--format', 'json');
    expect(code).toBe(0);
    const doc = JSON.parse(out) as { rows: { behaviour: string; clouds: Record<string, { status: string }> }[]; notes: Record<string, string> };
    expect(doc.rows.find((r) => r.behaviour === 'exec-into-pod')?.clouds['EKS']?.status).toBe('yes');
    expect(Object.keys(doc.notes)).toContain('dataAccess');
  });

  it('exits 2 on an unknown format', async () => {
    const { code, err } = await run('rules', 'coverage', '--format', 'xml');
    expect(code).toBe(2);
    expect(err).toContain('--format must be markdown or json');
  });
});
