import { describe, expect, it } from 'vitest';
import { lintPolicy } from '../../shared/policy/lint.ts';

// Mistakes the apiserver accepts silently (it drops unknown keys) or refuses to decode.
const HEADER = 'apiVersion: audit.k8s.io/v1\nkind: Policy\n';
const find = (text: string, code: string) => lintPolicy(text, 'audit.yaml').filter((d) => d.code === code);

describe('lintPolicy: misspelt keys', () => {
  it.each([
    ['apiVesion', 'apiVesion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n', 1, 'apiVesion', 'did you mean "apiVersion"?'],
    ['omitStage', `${HEADER}omitStage: [RequestReceived]\nrules:\n- level: None\n`, 3, 'omitStage', 'did you mean "omitStages"?'],
    ['resource:', `${HEADER}rules:\n- level: None\n  resource:\n  - group: ""\n    resources: [secrets]\n`, 5, 'rules[0].resource', 'did you mean "resources"?'],
    ['resouceNames:', `${HEADER}rules:\n- level: None\n  resources:\n  - group: ""\n    resources: [configmaps]\n    resouceNames: [leader]\n`, 8, 'rules[0].resources[0].resouceNames', 'did you mean "resourceNames"?'],
    ['verb:', `${HEADER}rules:\n- level: Request\n  verb: [create]\n`, 5, 'rules[0].verb', 'did you mean "verbs"?'],
    ['namespace:', `${HEADER}rules:\n- level: Request\n  namespace: [kube-system]\n`, 5, 'rules[0].namespace', 'did you mean "namespaces"?'],
    ['groups: in a rule', `${HEADER}rules:\n- level: Request\n  groups: " "\n`, 5, 'rules[0].groups', 'did you mean "userGroups"?'],
    ['groups: in a resources entry', `${HEADER}rules:\n- level: Request\n  resources:\n  - groups: apps\n`, 6, 'rules[0].resources[0].groups', 'did you mean "group"?'],
    ['Level (case)', `${HEADER}rules:\n- Level: Metadata\n`, 4, 'rules[0].Level', 'did you mean "level"?'],
    ['verbs in a resources entry', `${HEADER}rules:\n- level: Metadata\n  resources:\n  - group: ""\n    resources: [pods]\n    verbs: [get]\n`, 8, 'rules[0].resources[0].verbs', '"verbs" belongs in a rule'],
    ['group directly in a rule', `${HEADER}rules:\n- level: Metadata\n  group: apps\n`, 5, 'rules[0].group', '"group" belongs in a resources entry'],
  ])('%s gives an unknown-field error at the key, with a suggestion', (_name, text, line, path, hint) => {
    const [d] = find(text, 'unknown-field');
    expect(d).toMatchObject({ severity: 'error', file: 'audit.yaml', line, path });
    expect(d!.message).toContain(hint);
  });

  it('says what a lost filter does to the rule', () => {
    const [d] = find(`${HEADER}rules:\n- level: None\n  resource:\n  - group: ""\n`, 'unknown-field');
    expect(d!.message).toContain('not restricted by resources');
  });

  it('reports level: requestresponse (case) as an invalid level with the right spelling', () => {
    const [d] = find(`${HEADER}rules:\n- level: requestresponse\n`, 'invalid-level');
    expect(d).toMatchObject({ severity: 'error', line: 4, column: 10, path: 'rules[0].level' });
    expect(d!.message).toContain('"RequestResponse"');
  });
});

describe('lintPolicy: values', () => {
  it('reports a string where a list belongs as a wrong-type error (the apiserver cannot decode it)', () => {
    const [d] = find(`${HEADER}rules:\n- level: Metadata\n  verbs: get\n`, 'wrong-type');
    expect(d).toMatchObject({ severity: 'error', line: 5, column: 10, path: 'rules[0].verbs' });
    expect(d!.message).toContain('["get"]');
  });

  it('reports a YAML 1.1 boolean like no where a name belongs', () => {
    const [d] = find(`${HEADER}rules:\n- level: Metadata\n  namespaces: [no]\n`, 'wrong-type');
    expect(d).toMatchObject({ line: 5, column: 16, path: 'rules[0].namespaces[0]' });
    expect(d!.message).toContain('quote it as "no"');
  });

  it('reports a non-boolean omitManagedFields', () => {
    expect(find(`${HEADER}omitManagedFields: "true"\nrules:\n- level: Metadata\n`, 'wrong-type')[0]).toMatchObject({ line: 3, path: 'omitManagedFields' });
  });

  it('warns about blank and padded names', () => {
    const text = `${HEADER}rules:\n- level: Metadata\n  userGroups: [" "]\n  users: ["alice "]\n`;
    expect(find(text, 'blank-value')[0]).toMatchObject({ severity: 'warning', line: 5, path: 'rules[0].userGroups[0]' });
    expect(find(text, 'whitespace')[0]).toMatchObject({ severity: 'warning', line: 6, path: 'rules[0].users[0]' });
  });

  it('does not warn about "" in namespaces, which selects cluster-scoped requests', () => {
    expect(find(`${HEADER}rules:\n- level: Metadata\n  namespaces: [""]\n`, 'blank-value')).toEqual([]);
  });

  it('warns about * where matching is literal', () => {
    const ds = find(`${HEADER}rules:\n- level: Metadata\n  users: ["system:serviceaccount:ci:*"]\n`, 'wildcard-literal');
    expect(ds[0]).toMatchObject({ line: 5, path: 'rules[0].users[0]' });
  });

  it('warns about a filter key with an empty list, which matches everything', () => {
    expect(find(`${HEADER}rules:\n- level: None\n  verbs: []\n`, 'empty-filter')[0]).toMatchObject({ line: 5, path: 'rules[0].verbs' });
  });

  it('warns about a key given twice, and uses the later value', () => {
    const ds = lintPolicy(`${HEADER}rules:\n- level: None\n  level: Metadata\n`, 'a.yaml');
    expect(ds.map((d) => [d.code, d.line])).toEqual([['duplicate-key', 5]]);
  });

  it('warns about further YAML documents', () => {
    expect(find(`${HEADER}rules:\n- level: None\n---\nkind: Other\n`, 'multiple-documents')[0]).toMatchObject({ line: 6 });
  });
});
