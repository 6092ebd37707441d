import { describe, expect, it } from 'vitest';
import { makeReject } from '../shared/adapters/reject.ts';
import type { CompiledRule, RuleMatch } from '../shared/engine/index.ts';
import type { CanonicalEvent } from '../shared/event/types.ts';
import { Pipeline, reasonKind } from '../shared/pipeline.ts';
import { sampleEvent } from './helpers/events.ts';

const rule = (name: string, priority: CompiledRule['priority']): CompiledRule => ({
  name,
  priority,
  desc: '',
  tags: [],
  output: '',
  source: 'k8s_audit',
  file: 'x.yaml',
  line: 1,
  extra: {},
});

// A stand-in engine: fires the given rules on events whose verb is 'get'.
const engineFiring = (...rules: CompiledRule[]) => ({
  evaluate: (ce: CanonicalEvent): RuleMatch[] => (ce.event.verb === 'get' ? rules.map((r) => ({ rule: r, output: r.name, outputFields: {} })) : []),
});
const ce = (verb: string): CanonicalEvent => ({ event: { ...sampleEvent(), verb }, origin: { provider: 'file' } });

describe('Pipeline', () => {
  it('turns every match into a finding and counts them by rule and priority', () => {
    const p = new Pipeline(engineFiring(rule('A', 'Critical'), rule('B', 'Notice')));
    expect(p.evaluate(ce('get')).map((f) => f.rule)).toEqual(['A', 'B']);
    expect(p.evaluate(ce('list'))).toEqual([]);
    p.evaluate(ce('get'));
    expect(p.summary()).toMatchObject({
      evaluated: 3,
      findings: 4,
      findingsByRule: { A: 2, B: 2 },
      findingsByPriority: { Critical: 2, Notice: 2 },
    });
  });

  it('counts rejects by the kind of reason', () => {
    const p = new Pipeline(engineFiring());
    p.reject(makeReject('logfile', { line: 1 }, 'json: Unexpected token', '{'));
    p.reject(makeReject('logfile', { line: 2 }, 'json: Unexpected end', '{'));
    p.reject(makeReject('logfile', { line: 3 }, 'event: verb: expected a string', '{}'));
    expect(p.summary()).toMatchObject({ rejected: 3, rejectsByReason: { json: 2, event: 1 } });
  });
});

describe('reasonKind', () => {
  it('keeps a reason without a colon whole', () => {
    expect(reasonKind('skipped-too-big-size-object')).toBe('skipped-too-big-size-object');
  });
});
