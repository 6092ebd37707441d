import { describe, expect, it } from 'vitest';
import { field, podCreate } from './helpers.ts';

describe('kadet fields', () => {
  const ev = podCreate();

  it('read the origin of the event', () => {
    expect(field('kadet.provider', ev)).toBe('eks');
    expect(field('kadet.cluster', ev)).toBe('prod-eu');
    expect(field('kadet.account', ev)).toBe('123456789012');
    expect(field('kadet.region', ev)).toBe('eu-west-1');
    expect(field('kadet.resource_group', ev)).toBeUndefined();
  });

  it('read the audit level', () => {
    expect(field('kadet.level', ev)).toBe('RequestResponse');
  });

  it('render the delivery coordinates as key=value pairs', () => {
    expect(field('kadet.source', ev)).toBe(
      'logGroup=/aws/eks/prod-eu/cluster logStream=kube-apiserver-audit-0a1b2c3d4e5f eventId=37917203847216478290347162384716239847162398471623',
    );
    const file = podCreate((_e, c) => (c.origin = { provider: 'file', file: 'audit.log', line: 12 }));
    expect(field('kadet.source', file)).toBe('file=audit.log line=12');
    expect(field('kadet.source', podCreate((_e, c) => (c.origin = { provider: 'onprem' })))).toBeUndefined();
  });
});
