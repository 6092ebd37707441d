import { describe, expect, it } from 'vitest';
import { makeEvent } from '../fake-fields.ts';
import { errorsOf, load, matching, ruleYaml } from './helpers.ts';

const base = [
  '- list: verbs',
  '  items: [create]',
  '- macro: kmod',
  '  condition: ka.verb in (verbs)',
  '',
  ruleYaml('R', 'kmod'),
  ruleYaml('Other', 'ka.verb=delete'),
].join('\n');

describe('append: true (deprecated)', () => {
  it('appends list items, in a later file', () => {
    const res = load([base, '- list: verbs\n  items: [update]\n  append: true\n']);
    expect(res.errors).toEqual([]);
    expect(matching(res, makeEvent({ verb: 'update' }))).toEqual(['R']);
    expect(res.notices.some((n) => /deprecated/.test(n.message))).toBe(true);
  });

  it('appends macro conditions with a space', () => {
    const res = load([base, '- macro: kmod\n  condition: or ka.verb=patch\n  append: true\n']);
    expect(matching(res, makeEvent({ verb: 'patch' }))).toEqual(['R']);
  });

  it('appends rule conditions with a space and keeps the rule in its place', () => {
    const res = load([base, '- rule: R\n  condition: and ka.user.name=alice\n  append: true\n']);
    expect(res.rules.map((r) => r.name)).toEqual(['R', 'Other']);
    expect(matching(res, makeEvent({ user: { username: 'alice' } }))).toEqual(['R']);
    expect(matching(res, makeEvent({ user: { username: 'bob' } }))).toEqual([]);
  });

  it('refuses appending to an item that was never defined', () => {
    const res = load(['- list: nope\n  items: [a]\n  append: true\n', '- macro: nope\n  condition: x\n  append: true\n', '- rule: nope\n  condition: x\n  append: true\n'].join(''));
    expect(res.errors.map((e) => e.code)).toEqual(['no-previous', 'no-previous', 'no-previous']);
    expect(res.errors[2]?.message).toMatch(/no rule named 'nope'/);
  });

  it('refuses append together with override', () => {
    const res = load([base, '- rule: R\n  condition: and x\n  append: true\n  override:\n    condition: append\n']);
    expect(res.errors[0]?.code).toBe('override');
  });
});

describe('override:', () => {
  it('appends condition, output, desc and tags', () => {
    const res = load([
      base,
      ['- rule: R', '  condition: and ka.user.name=alice', '  output: (ns=%ka.target.namespace)', '  desc: more', '  tags: [extra]', '  override:', '    condition: append', '    output: append', '    desc: append', '    tags: append', ''].join('\n'),
    ]);
    expect(res.errors).toEqual([]);
    const r = res.rules[0]!;
    expect(r.output).toBe('R by %ka.user.name (ns=%ka.target.namespace)');
    expect(r.desc).toBe('R desc more');
    expect(matching(res, makeEvent({ user: { username: 'bob' } }))).toEqual([]);
  });

  it('replaces condition, priority and enabled', () => {
    const res = load([base, ['- rule: R', '  condition: ka.verb=get', '  priority: critical', '  override:', '    condition: replace', '    priority: replace', ''].join('\n')]);
    expect(res.rules[0]?.priority).toBe('Critical');
    expect(matching(res, makeEvent({ verb: 'get' }))).toEqual(['R']);
    const off = load([base, '- rule: R\n  enabled: false\n  override:\n    enabled: replace\n']);
    expect(off.rules.map((r) => r.name)).toEqual(['Other']);
  });

  it('replaces list items and macro conditions', () => {
    const res = load([base, '- list: verbs\n  items: [get]\n  override:\n    items: replace\n']);
    expect(matching(res, makeEvent({ verb: 'get' }))).toEqual(['R']);
    expect(matching(res, makeEvent({ verb: 'create' }))).toEqual([]);
    const m = load([base, '- macro: kmod\n  condition: ka.verb=list\n  override:\n    condition: replace\n']);
    expect(matching(m, makeEvent({ verb: 'list' }))).toEqual(['R']);
  });

  it('refuses keys that cannot be appended, or replaced', () => {
    const a = load([base, '- rule: R\n  priority: INFO\n  override:\n    priority: append\n']);
    expect(a.errors[0]?.message).toMatch(/'priority' cannot be appended to, use 'replace'/);
    const b = load([base, '- rule: R\n  source: x\n  override:\n    source: replace\n']);
    expect(b.errors[0]?.message).toMatch(/'source' cannot be replaced/);
    const c = load([base, '- rule: R\n  condition: x\n  override:\n    condition: merge\n']);
    expect(c.errors[0]?.message).toMatch(/invalid override operation 'merge'.*append or replace/);
  });

  it('refuses an override entry without its key, and a key without an override entry', () => {
    const a = load([base, '- rule: R\n  override:\n    condition: append\n']);
    expect(a.errors[0]?.message).toMatch(/override for 'condition' was given but 'condition' is not defined/);
    const b = load([base, '- rule: R\n  condition: and x\n  desc: d\n  override:\n    condition: append\n']);
    expect(errorsOf(b)[0]).toBe('override@3:3');
    expect(b.errors[0]?.message).toMatch(/unexpected key 'desc'/);
  });

  it('refuses overriding a rule that does not exist', () => {
    expect(load('- rule: Ghost\n  condition: x\n  override:\n    condition: replace\n').errors[0]?.code).toBe('no-previous');
  });
});

describe('enabled toggle', () => {
  it('disables and re-enables an earlier rule with only rule + enabled', () => {
    expect(load([base, '- rule: R\n  enabled: false\n']).rules.map((r) => r.name)).toEqual(['Other']);
    expect(load([base, '- rule: R\n  enabled: false\n', '- rule: R\n  enabled: true\n']).rules.map((r) => r.name)).toEqual(['R', 'Other']);
  });

  it('refuses to toggle a rule that does not exist', () => {
    expect(load('- rule: Ghost\n  enabled: false\n').errors[0]?.code).toBe('no-previous');
  });
});
