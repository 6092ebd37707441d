import { describe, expect, it } from 'vitest';
import { Engine, type CompiledRule } from '../../shared/engine/index.ts';
import { makeEvent } from './fake-fields.ts';
import { load, ruleYaml } from './ruleset/helpers.ts';

const rules = load(
  [
    '- macro: kevt',
    '  condition: jevt.value[/stage] = ResponseComplete',
    ruleYaml('Create', 'kevt and ka.verb=create'),
    ruleYaml('Pods', 'kevt and ka.target.resource=pods'),
    ruleYaml('Started', 'jevt.value[/stage] = ResponseStarted and ka.verb=create'),
    ruleYaml('Anything', 'kevt'),
  ].join('\n'),
).rules;

describe('Engine', () => {
  it('returns at most the first matching rule by default, in definition order', () => {
    const m = new Engine(rules).evaluate(makeEvent());
    expect(m.map((x) => x.rule.name)).toEqual(['Create']);
  });

  it("returns every matching rule with matching: 'all'", () => {
    const m = new Engine(rules, { matching: 'all' }).evaluate(makeEvent());
    expect(m.map((x) => x.rule.name)).toEqual(['Create', 'Pods', 'Anything']);
  });

  it('renders each match’s output and output fields', () => {
    const [m] = new Engine(rules).evaluate(makeEvent({ user: { username: 'bob' } }));
    expect(m).toMatchObject({ output: 'Create by bob', outputFields: { 'ka.user.name': 'bob' } });
    expect(m?.rule).toBe(rules[0]);
  });

  it('skips every rule sharing a leading macro that fails, and still runs the others', () => {
    const engine = new Engine(rules, { matching: 'all' });
    expect(engine.evaluate(makeEvent({ stage: 'ResponseStarted' })).map((x) => x.rule.name)).toEqual(['Started']);
    // The shared verdict of one event never leaks into the next.
    expect(engine.evaluate(makeEvent()).map((x) => x.rule.name)).toEqual(['Create', 'Pods', 'Anything']);
  });

  it('returns no match for an event nothing matches', () => {
    expect(new Engine(rules).evaluate(makeEvent({ stage: 'Panic', verb: 'get' }))).toEqual([]);
  });

  it('never throws, even on an event with missing parts or a throwing extractor', () => {
    const res = load(ruleYaml('T', 'not test.throws exists and ka.target.resource exists'));
    const engine = new Engine(res.rules);
    const broken = { event: { user: null }, origin: {} } as unknown as Parameters<Engine['evaluate']>[0];
    expect(() => engine.evaluate(broken)).not.toThrow();
    expect(engine.evaluate(makeEvent()).map((x) => x.rule.name)).toEqual(['T']);
  });

  it('accepts copies of loaded rules', () => {
    const copy = rules.map((r) => ({ ...r, priority: 'Critical' as const }));
    const [m] = new Engine(copy).evaluate(makeEvent());
    expect(m?.rule.priority).toBe('Critical');
  });

  it('refuses rules that were not produced by the loader', () => {
    const handMade: CompiledRule = { name: 'X', desc: '', priority: 'Notice', tags: [], output: '', source: 'k8s_audit', file: 'f', line: 1, extra: {} };
    expect(() => new Engine([handMade])).toThrow(TypeError);
  });

  it('serialises rules as plain data', () => {
    expect(Object.keys(JSON.parse(JSON.stringify(rules[0])))).toEqual(['name', 'desc', 'priority', 'tags', 'output', 'source', 'file', 'line', 'extra']);
  });
});
