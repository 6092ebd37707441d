import { describe, expect, it } from 'vitest';
import { compileGlob } from '../../../shared/engine/condition/glob.ts';
import { pathPrefixTest } from '../../../shared/engine/condition/operators.ts';

describe('glob', () => {
  const g = (p: string, s: string, ci = false) => compileGlob(p, ci)(s);

  it('lets * match any run of characters, slashes included', () => {
    expect(g('/api/*', '/api/v1/pods')).toBe(true);
    expect(g('*.k8s.io', 'rbac.authorization.k8s.io')).toBe(true);
    expect(g('a*b*c', 'axxbyyc')).toBe(true);
    expect(g('a*b*c', 'axxbyy')).toBe(false);
  });

  it('lets ? match exactly one character', () => {
    expect(g('p?d', 'pod')).toBe(true);
    expect(g('p?d', 'pd')).toBe(false);
  });

  it('supports bracket classes, ranges and negation', () => {
    expect(g('v[0-9]', 'v1')).toBe(true);
    expect(g('v[!0-9]', 'v1')).toBe(false);
    expect(g('v[^0-9]', 'vx')).toBe(true);
    expect(g('[]]', ']')).toBe(true);
  });

  it('treats an escaped star and an unclosed bracket literally', () => {
    expect(g('a\\*', 'a*')).toBe(true);
    expect(g('a\\*', 'ab')).toBe(false);
    expect(g('[abc', '[abc')).toBe(true);
  });

  it('matches the whole string', () => {
    expect(g('pod', 'pods')).toBe(false);
  });

  it('folds case only for iglob', () => {
    expect(g('KUBE-*', 'kube-system')).toBe(false);
    expect(g('KUBE-*', 'kube-system', true)).toBe(true);
  });

  it('stays linear-ish on patterns that make naive backtracking explode', () => {
    const t0 = performance.now();
    expect(g('*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000))).toBe(false);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('pmatch path prefixes', () => {
  it('matches a path and anything under it, never a sibling with the same prefix', () => {
    const t = pathPrefixTest(['/etc', '/var/lib/kubelet/']);
    expect(t('/etc')).toBe(true);
    expect(t('/etc/passwd')).toBe(true);
    expect(t('/etcd')).toBe(false);
    expect(t('/var/lib/kubelet/pki')).toBe(true);
    expect(t('/var/lib')).toBe(false);
  });

  it('lets / match every absolute path', () => {
    expect(pathPrefixTest(['/'])('/anything')).toBe(true);
    expect(pathPrefixTest(['/'])('relative')).toBe(false);
  });
});
