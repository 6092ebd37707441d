import { describe, expect, it } from 'vitest';
import { clusterOf, normalizeBasePath } from '../../shared/webhook/route.ts';

const status = (f: () => unknown): number | undefined => {
  try {
    f();
  } catch (err) {
    return (err as { status?: number }).status;
  }
  return undefined;
};

describe('webhook route', () => {
  it('takes the cluster from the path segment after the base path, or from ?cluster=', () => {
    expect(clusterOf('/k8s-audit/prod-1', {}, '/k8s-audit')).toBe('prod-1');
    expect(clusterOf('/k8s-audit/prod-1/', {}, '/k8s-audit/')).toBe('prod-1');
    expect(clusterOf('/k8s-audit', { cluster: 'edge.eu_1' }, '/k8s-audit')).toBe('edge.eu_1');
    expect(clusterOf('/k8s-audit/prod', { cluster: 'prod' }, '/k8s-audit')).toBe('prod');
    expect(clusterOf('/k8s-audit', {}, '/k8s-audit')).toBeUndefined();
    expect(clusterOf('/prod', {}, '/')).toBe('prod');
  });

  it('answers 404 outside the base path and 400 for a bad or conflicting cluster name', () => {
    expect(status(() => clusterOf('/other', {}, '/k8s-audit'))).toBe(404);
    expect(status(() => clusterOf('/k8s-auditx', {}, '/k8s-audit'))).toBe(404);
    expect(status(() => clusterOf('/k8s-audit/a/b', {}, '/k8s-audit'))).toBe(404);
    expect(status(() => clusterOf('/k8s-audit/%E0%A4%A', {}, '/k8s-audit'))).toBe(400);
    expect(status(() => clusterOf('/k8s-audit/-x', {}, '/k8s-audit'))).toBe(400);
    expect(status(() => clusterOf('/k8s-audit', { cluster: '' }, '/k8s-audit'))).toBe(400);
    expect(status(() => clusterOf('/k8s-audit', { cluster: 'a b' }, '/k8s-audit'))).toBe(400);
    expect(status(() => clusterOf('/k8s-audit/a', { cluster: 'b' }, '/k8s-audit'))).toBe(400);
    expect(status(() => clusterOf('/k8s-audit/' + 'a'.repeat(101), {}, '/k8s-audit'))).toBe(400);
  });

  it('normalises the base path', () => {
    expect(normalizeBasePath('k8s-audit/')).toBe('/k8s-audit');
    expect(normalizeBasePath('/')).toBe('');
  });
});
