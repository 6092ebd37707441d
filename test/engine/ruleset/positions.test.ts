import { describe, expect, it } from 'vitest';
import { RuleLoadError } from '../../../shared/engine/errors.ts';
import { load } from './helpers.ts';

/** A rule whose condition is the given YAML (after `condition:`), with the typo `ka.usr.name`. */
function ruleWith(conditionYaml: string): string {
  return `- rule: Foo\n  desc: d\n  condition: ${conditionYaml}\n  output: o\n  priority: INFO\n  source: k8s_audit\n`;
}

function firstError(text: string): RuleLoadError {
  const res = load(text);
  expect(res.errors.length).toBeGreaterThan(0);
  return res.errors[0]!;
}

describe('error positions', () => {
  it('points at the exact column in a plain single-line condition', () => {
    const e = firstError(ruleWith('ka.verb=get and ka.usr.name=bob'));
    expect(e.location).toEqual({ file: 'rules.yaml', line: 3, column: 30, rule: 'Foo' });
  });

  it('points at the exact column in a single-quoted condition with escaped quotes', () => {
    const e = firstError(ruleWith(`'ka.verb=''get'' and ka.usr.name=bob'`));
    expect(e.location.column).toBe(35);
  });

  it('points at the exact column in a double-quoted condition with escapes', () => {
    const e = firstError(ruleWith(`"ka.verb=\\"get\\" and ka.usr.name=bob"`));
    expect(e.location.column).toBe(35);
  });

  it('points at the exact line and column in a block literal', () => {
    const e = firstError(ruleWith('|\n    ka.verb=get\n      and ka.usr.name=bob'));
    expect(e.location).toMatchObject({ line: 5, column: 11 });
  });

  it('points at the right line in a folded block', () => {
    const e = firstError(ruleWith('>\n    ka.verb=get\n    and ka.usr.name=bob'));
    expect(e.location).toMatchObject({ line: 5, column: 9 });
  });

  it('points at the right line in a multi-line plain scalar', () => {
    const e = firstError(ruleWith('ka.verb=get\n    and ka.usr.name=bob'));
    expect(e.location).toMatchObject({ line: 4, column: 9 });
  });

  it('points into the appended part of a condition, in its own file', () => {
    const res = load([ruleWith('ka.verb=get'), '- rule: Foo\n  condition: and ka.usr.name=bob\n  append: true\n']);
    expect(res.errors[0]?.location).toEqual({ file: 'rules2.yaml', line: 2, column: 18, rule: 'Foo' });
  });

  it('points into the macro where the bad field is, naming the macro and the rule', () => {
    const e = firstError(`- macro: who\n  condition: ka.usr.name=bob\n${ruleWith('ka.verb=get and who')}`);
    expect(e.location).toMatchObject({ line: 2, column: 14, rule: 'Foo' });
    expect(e.details.item).toEqual({ kind: 'macro', name: 'who' });
    expect(e.format().split('\n')[0]).toBe("rules.yaml:2:14: macro 'who' (used by rule 'Foo'): unknown field 'ka.usr.name'");
  });

  it('points at the output field in an output', () => {
    const e = firstError('- rule: Foo\n  desc: d\n  condition: ka.verb=get\n  output: user=%ka.usr.name\n  priority: INFO\n  source: k8s_audit\n');
    expect(e.location).toMatchObject({ line: 4, column: 16 });
  });

  it('formats like Falco, with the source line and a caret under the column', () => {
    const e = firstError(ruleWith('ka.verb=get and ka.usr.name=bob'));
    expect(e.format()).toBe(
      ["rules.yaml:3:30: rule 'Foo': unknown field 'ka.usr.name'", '  condition: ka.verb=get and ka.usr.name=bob', '                             ^'].join('\n'),
    );
  });

  it('keeps tabs in the caret line so the caret stays aligned', () => {
    const e = new RuleLoadError('m', 'bad-value', { file: 'f', line: 1, column: 3 }, { sourceLine: '\tab' });
    expect(e.format().split('\n')[2]).toBe('\t ^');
  });

  it('gives each error a stable code and a KadetError base', () => {
    const e = firstError(ruleWith('(ka.verb=get'));
    expect(e.code).toBe('condition-syntax');
    expect(e.name).toBe('RuleLoadError');
    expect(e.location.column).toBe(26);
  });
});
