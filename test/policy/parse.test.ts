import { describe, expect, it } from 'vitest';
import { PolicyParseError } from '../../shared/policy/errors.ts';
import { parsePolicy } from '../../shared/policy/parse.ts';

const TEXT = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
  # secrets: never their bodies
  - level: Metadata
    resources:
      - group: ""
        resources: ["secrets", "configmaps"]
  - level: None
    users: ["system:kube-proxy"]
    verbs: [watch]
`;

const parseError = (text: string): PolicyParseError => {
  try {
    parsePolicy(text, 'bad.yaml');
  } catch (err) {
    if (err instanceof PolicyParseError) return err;
    throw err;
  }
  throw new Error('expected a PolicyParseError');
};

describe('parsePolicy', () => {
  it('reads rules into typed fields with Go zero values for what is absent', () => {
    const { policy, diagnostics } = parsePolicy(TEXT, 'p.yaml');
    expect(diagnostics).toEqual([]);
    expect(policy).toMatchObject({ file: 'p.yaml', apiVersion: 'audit.k8s.io/v1', kind: 'Policy', omitStages: ['RequestReceived'], omitManagedFields: false });
    expect(policy.rules[0]).toMatchObject({ index: 0, level: 'Metadata', users: [], verbs: [], resources: [{ group: '', resources: ['secrets', 'configmaps'], resourceNames: [] }] });
    expect(policy.rules[1]).toMatchObject({ index: 1, level: 'None', users: ['system:kube-proxy'], verbs: ['watch'] });
    expect(policy.rules[1]!.omitManagedFields).toBeUndefined();
  });

  it('keeps line and column of every rule, key and value', () => {
    const { policy } = parsePolicy(TEXT, 'p.yaml');
    const [first, second] = policy.rules;
    expect(first!.pos).toEqual({ line: 6, column: 5 });
    expect(first!.keys.resources).toEqual({ line: 7, column: 5 });
    expect(first!.resources[0]!.keys.group).toEqual({ line: 8, column: 9 });
    expect(first!.resources[0]!.values['resources[1]']).toEqual({ line: 9, column: 32 });
    expect(second!.values['users[0]']).toEqual({ line: 11, column: 13 });
    expect(second!.values.level).toEqual({ line: 10, column: 12 });
    expect(policy.keys.omitStages).toEqual({ line: 3, column: 1 });
  });

  it('accepts audit.k8s.io/v1beta1 and reads the same fields', () => {
    const { policy } = parsePolicy(TEXT.replace('audit.k8s.io/v1', 'audit.k8s.io/v1beta1'), 'p.yaml');
    expect(policy.apiVersion).toBe('audit.k8s.io/v1beta1');
    expect(policy.rules).toHaveLength(2);
  });

  it('follows YAML anchors and aliases', () => {
    const { policy } = parsePolicy('apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: None\n  users: &sys [a, b]\n- level: Metadata\n  users: *sys\n', 'p.yaml');
    expect(policy.rules[1]!.users).toEqual(['a', 'b']);
  });

  it('throws PolicyParseError with file:line:col for YAML that does not parse', () => {
    const err = parseError('apiVersion: audit.k8s.io/v1\nrules:\n  - level: None\n    users: [a\n');
    expect(err.code).toBe('policy-parse');
    expect(err.location.file).toBe('bad.yaml');
    expect(err.location.line).toBeGreaterThanOrEqual(4);
    expect(err.message).toMatch(/^invalid YAML/);
  });

  it.each([
    ['an empty file', ''],
    ['a comment only', '# nothing\n'],
    ['a list', '- level: None\n'],
    ['a scalar', 'Policy\n'],
  ])('throws PolicyParseError for %s', (_name, text) => {
    expect(parseError(text).location).toMatchObject({ file: 'bad.yaml', line: 1, column: 1 });
  });
});
