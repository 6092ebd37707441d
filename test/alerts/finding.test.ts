import { describe, expect, it } from 'vitest';
import { buildFinding, findingId } from '../../shared/alerts/finding.ts';
import type { CompiledRule, RuleMatch } from '../../shared/engine/index.ts';
import { sampleEvent } from '../helpers/events.ts';

const rule = (over: Partial<CompiledRule> = {}): CompiledRule => ({
  name: 'Secret read by human',
  desc: 'A person read a secret.',
  priority: 'Warning',
  tags: ['k8s', 'mitre_credential_access', 'T1552.007'],
  output: 'secret read by %ka.user.name',
  source: 'k8s_audit',
  file: 'rules/secrets.yaml',
  line: 3,
  extra: {},
  ...over,
});
const match = (r = rule()): RuleMatch => ({ rule: r, output: 'secret read by alice@example.com', outputFields: { 'ka.user.name': 'alice@example.com' } });

describe('buildFinding', () => {
  it("has Falco's alert shape plus the kadet block", () => {
    const ce = { event: sampleEvent(), origin: { provider: 'eks' as const, cluster: 'prod-eks', account: '123456789012' } };
    expect(buildFinding(match(), ce)).toEqual({
      time: '2026-11-20T09:14:03.127890Z',
      rule: 'Secret read by human',
      priority: 'Warning',
      output: 'secret read by alice@example.com',
      output_fields: { 'ka.user.name': 'alice@example.com' },
      source: 'k8s_audit',
      tags: ['k8s', 'mitre_credential_access', 'T1552.007'],
      hostname: 'prod-eks',
      kadet: {
        id: findingId('Secret read by human', '5f0b6d1e-2b7c-4f5e-9a51-0d7c1b1e2a33', 'ResponseComplete'),
        auditID: '5f0b6d1e-2b7c-4f5e-9a51-0d7c1b1e2a33',
        stage: 'ResponseComplete',
        origin: ce.origin,
        mitre: ['T1552.007'],
      },
    });
  });

  it('merges MITRE ids from tags and the mitre: key without duplicates', () => {
    const ce = { event: sampleEvent(), origin: { provider: 'file' as const } };
    const f = buildFinding(match(rule({ extra: { mitre: ['T1552.007', 'T1078'] } })), ce);
    expect(f.kadet.mitre).toEqual(['T1552.007', 'T1078']);
  });

  it('omits mitre when the rule names no technique', () => {
    const ce = { event: sampleEvent(), origin: { provider: 'file' as const } };
    expect(buildFinding(match(rule({ tags: ['k8s'] })), ce).kadet).not.toHaveProperty('mitre');
  });
});

describe('findingId', () => {
  it('is the same for the same rule, audit ID and stage, so redeliveries dedupe', () => {
    expect(findingId('r', 'a', 'ResponseComplete')).toBe(findingId('r', 'a', 'ResponseComplete'));
  });

  it('differs when any of rule, audit ID or stage differs', () => {
    const ids = new Set([findingId('r', 'a', 'ResponseComplete'), findingId('r2', 'a', 'ResponseComplete'), findingId('r', 'b', 'ResponseComplete'), findingId('r', 'a', 'ResponseStarted')]);
    expect(ids.size).toBe(4);
  });

  it('cannot be forged by moving text between the parts', () => {
    expect(findingId('ab', 'c', 's')).not.toBe(findingId('a', 'bc', 's'));
  });
});
