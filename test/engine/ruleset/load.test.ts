import { describe, expect, it } from 'vitest';
import { makeEvent } from '../fake-fields.ts';
import { errorsOf, load, matching, ruleYaml } from './helpers.ts';

describe('rule loading: items', () => {
  it('loads rules with their fields, in definition order', () => {
    const res = load(['- macro: kcreate', '  condition: ka.verb=create', '', ruleYaml('B', 'kcreate', ['tags: [k8s, pods]']), ruleYaml('A', 'ka.verb=get')].join('\n'));
    expect(res.errors).toEqual([]);
    expect(res.rules.map((r) => r.name)).toEqual(['B', 'A']);
    expect(res.rules[0]).toMatchObject({ name: 'B', desc: 'B desc', priority: 'Warning', tags: ['k8s', 'pods'], output: 'B by %ka.user.name', source: 'k8s_audit', file: 'rules.yaml', line: 4, extra: {} });
  });

  it('reads priorities case-insensitively and refuses unknown ones at the value', () => {
    const ok = load(ruleYaml('R', 'ka.verb=get').replace('WARNING', 'info'));
    expect(ok.rules[0]?.priority).toBe('Informational');
    const bad = load(ruleYaml('R', 'ka.verb=get').replace('WARNING', 'SEVERE'));
    expect(errorsOf(bad)).toEqual(['bad-value@5:13']);
    expect(bad.errors[0]?.location.rule).toBe('R');
    expect(bad.errors[0]?.message).toMatch(/invalid priority 'SEVERE'/);
  });

  it('names the missing key of a new rule', () => {
    const res = load('- rule: R\n  condition: ka.verb=get\n  output: o\n  priority: INFO\n  source: k8s_audit\n');
    expect(res.errors[0]?.code).toBe('missing-key');
    expect(res.errors[0]?.message).toBe("missing required key 'desc'");
    expect(res.errors[0]?.location).toMatchObject({ line: 1, column: 3 });
  });

  it('skips rules of other sources with a notice, Falco defaulting to syscall', () => {
    const res = load([ruleYaml('K', 'ka.verb=get'), ruleYaml('S', 'evt.type=open').replace('source: k8s_audit', 'source: syscall'), ruleYaml('D', 'proc.name=sh').replace('  source: k8s_audit\n', '')].join('\n'));
    expect(res.errors).toEqual([]);
    expect(res.rules.map((r) => r.name)).toEqual(['K']);
    expect(res.notices.map((n) => [n.rule, n.line])).toEqual([
      ['S', 8],
      ['D', 15],
    ]);
    expect(res.notices[1]?.message).toMatch(/Falco's default is syscall/);
  });

  it('loads a mixed file whose syscall macros are never used by a k8s_audit rule', () => {
    const res = load(
      [
        '- macro: spawned_process',
        '  condition: evt.type in (execve, execveat) and evt.dir=<',
        '- macro: sensitive_files',
        `  condition: fd.name pmatch (/etc) or (fd.num>=0 and fd.typechar='f' and proc.aname[2] in (sshd)) or tolower(proc.name) = val(proc.pname)`,
        '- macro: odd',
        '  condition: proc.name = "runc:[0:PARENT]" and evt.arg.flags contains O_TRUNC and proc.env icontains "AWS_" and fd.name glob "/dev/shm/*"',
        '',
        ruleYaml('K', 'ka.verb=get'),
      ].join('\n'),
    );
    expect(res.errors).toEqual([]);
    expect(res.rules).toHaveLength(1);
  });

  it('leaves disabled rules out but still reports their errors', () => {
    const res = load([ruleYaml('Off', 'ka.verb=get', ['enabled: false']), ruleYaml('Broken', 'ka.nope=1', ['enabled: false'])].join('\n'));
    expect(res.rules).toEqual([]);
    expect(res.errors.map((e) => e.code)).toEqual(['unknown-field']);
  });

  it('drops rules below minPriority at load', () => {
    const res = load([ruleYaml('Warn', 'ka.verb=get'), ruleYaml('Dbg', 'ka.verb=get').replace('WARNING', 'DEBUG')].join('\n'), { minPriority: 'Notice' });
    expect(res.rules.map((r) => r.name)).toEqual(['Warn']);
  });

  it('replaces a redefined rule in its original position', () => {
    const res = load([ruleYaml('A', 'ka.verb=get'), ruleYaml('B', 'ka.verb=list'), ruleYaml('A', 'ka.verb=create')].join('\n'));
    expect(res.rules.map((r) => r.name)).toEqual(['A', 'B']);
    expect(matching(res, makeEvent({ verb: 'create' }))).toEqual(['A']);
    expect(res.rules[0]?.line).toBe(15);
  });

  it('keeps keys beyond Falco verbatim in extra', () => {
    const res = load(ruleYaml('R', 'ka.verb=get', ['mitre:', '  technique: T1609', '  tactic: [execution]']));
    expect(res.rules[0]?.extra).toEqual({ mitre: { technique: 'T1609', tactic: ['execution'] } });
  });

  it('records required_engine_version and required_plugin_versions', () => {
    const res = load(['- required_engine_version: 0.26.0', '- required_engine_version: 15', '- required_plugin_versions:', '  - name: k8saudit', '    version: 0.7.0', '    alternatives:', '      - name: k8saudit-eks', '        version: 0.4.0', ''].join('\n'));
    expect(res.errors).toEqual([]);
    expect(res.requirements).toEqual({
      engineVersions: ['0.26.0', '15'],
      plugins: [{ name: 'k8saudit', version: '0.7.0', alternatives: [{ name: 'k8saudit-eks', version: '0.4.0' }] }],
    });
  });

  it('refuses an engine version that is neither a number nor a semver', () => {
    expect(errorsOf(load('- required_engine_version: banana\n'))).toEqual(['bad-value@1:28']);
  });

  it('gives a notice, not an error, for an unknown top-level item', () => {
    const res = load('- something: else\n  more: 1\n');
    expect(res.errors).toEqual([]);
    expect(res.notices[0]).toMatchObject({ line: 1, message: expect.stringMatching(/unknown top-level item \(keys: something, more\)/) });
  });

  it('reads list items of any scalar type as written', () => {
    const res = load(['- list: codes', '  items: [0403, 401, true]', '', ruleYaml('R', 'ka.response.code in (codes)')].join('\n'));
    expect(matching(res, makeEvent({ responseStatus: { code: 401 } }))).toEqual(['R']);
    expect(matching(res, makeEvent({ responseStatus: { code: 403 } }))).toEqual([]);
  });

  it('refuses invalid list and macro names', () => {
    expect(load('- list: "a b"\n  items: []\n').errors[0]?.code).toBe('bad-value');
    expect(load('- macro: 9lives\n  condition: ka.verb=get\n').errors[0]?.code).toBe('bad-value');
  });

  it('reports a syntax error in a macro nobody uses, as Falco does', () => {
    const res = load('- macro: m\n  condition: ka.verb = (\n');
    expect(res.errors.map((e) => e.details.item)).toEqual([{ kind: 'macro', name: 'm' }]);
  });

  it('follows YAML aliases', () => {
    const res = load(['- list: base', '  items: &verbs [get, list]', '- list: copy', '  items: *verbs', '', ruleYaml('R', 'ka.verb in (copy)')].join('\n'));
    expect(res.errors).toEqual([]);
    expect(matching(res, makeEvent({ verb: 'list' }))).toEqual(['R']);
  });

  it('keeps loading the other items after a bad one', () => {
    const res = load([ruleYaml('Bad', 'ka.verb='), ruleYaml('Good', 'ka.verb=get')].join('\n'));
    expect(res.errors).toHaveLength(1);
    expect(res.rules.map((r) => r.name)).toEqual(['Good']);
  });
});

describe('rule loading: YAML shape', () => {
  it('reports a YAML syntax error with its position', () => {
    const res = load('- rule: R\n  tags: [a, b\n- list: x\n');
    expect(res.errors[0]?.code).toBe('yaml-syntax');
    expect(res.errors[0]?.location.line).toBeGreaterThanOrEqual(2);
  });

  it('refuses a top level that is not a sequence', () => {
    expect(errorsOf(load('rule: R\ncondition: x\n'))).toEqual(['yaml-shape@1:1']);
  });

  it('refuses an item that is not a mapping', () => {
    expect(errorsOf(load('- just a string\n- [1, 2]\n'))).toEqual(['yaml-shape@1:3', 'yaml-shape@2:3']);
  });

  it('refuses a key of the wrong type at its value', () => {
    expect(errorsOf(load(ruleYaml('R', 'ka.verb=get', ['tags: k8s'])))).toEqual(['bad-value@7:9']);
    expect(errorsOf(load(ruleYaml('R', 'ka.verb=get', ['enabled: maybe'])))).toEqual(['bad-value@7:12']);
    expect(errorsOf(load('- list: l\n  items: {a: 1}\n'))).toEqual(['bad-value@2:10']);
  });

  it('refuses an empty value of a required key', () => {
    const res = load('- rule: R\n  desc:\n  condition: ka.verb=get\n  output: o\n  priority: INFO\n  source: k8s_audit\n');
    expect(res.errors[0]?.message).toBe("key 'desc' is empty");
  });

  it('ignores empty documents and empty items', () => {
    const res = load(`---\n---\n${ruleYaml('R', 'ka.verb=get')}-\n`);
    expect(res.errors).toEqual([]);
    expect(res.rules).toHaveLength(1);
  });
});

describe('rule loading: Falco leniencies', () => {
  it('reads the first of duplicate keys, as yaml-cpp does, with a notice', () => {
    const res = load(ruleYaml('R', 'ka.verb=get', ['desc: second']));
    expect(res.errors).toEqual([]);
    expect(res.rules[0]?.desc).toBe('R desc');
    expect(res.notices[0]?.message).toMatch(/'desc' appears more than once/);
  });

  it('skips a rule with an unknown field under skip-if-unknown-filter, with a notice', () => {
    const res = load([ruleYaml('Future', 'ka.future.field=x', ['skip-if-unknown-filter: true']), ruleYaml('Now', 'ka.verb=get')].join('\n'));
    expect(res.errors).toEqual([]);
    expect(res.rules.map((r) => r.name)).toEqual(['Now']);
    expect(res.notices[0]).toMatchObject({ rule: 'Future', message: expect.stringMatching(/skip-if-unknown-filter/) });
  });

  it('lets a condition use a list defined later, as Falco lists have no visibility order', () => {
    const res = load([ruleYaml('R', 'ka.verb in (late)'), '- list: late\n  items: [get]\n'].join('\n'));
    expect(matching(res, makeEvent({ verb: 'get' }))).toEqual(['R']);
  });
});
