import { describe, expect, it } from 'vitest';
import { makeEvent } from '../fake-fields.ts';
import { load, matching, ruleYaml } from './helpers.ts';

const withExceptions = (lines: string[]) => ruleYaml('R', 'ka.verb=create', ['exceptions:', ...lines.map((l) => `  ${l}`)]);

const alice = makeEvent({ user: { username: 'alice' } });
const bobInKs = makeEvent({ user: { username: 'bob' }, objectRef: { resource: 'pods', namespace: 'kube-system' } });
const bob = makeEvent({ user: { username: 'bob' } });

describe('rule exceptions', () => {
  it('excludes tuples of a field list, comps defaulting to =', () => {
    const res = load(withExceptions(['- name: trusted', '  fields: [ka.user.name, ka.target.namespace]', '  values:', '    - [bob, kube-system]', '    - [alice, default]']));
    expect(res.errors).toEqual([]);
    expect(matching(res, bobInKs)).toEqual([]);
    expect(matching(res, alice)).toEqual([]);
    expect(matching(res, bob)).toEqual(['R']);
  });

  it('defaults comps to in for a single field with a flat list of values', () => {
    const res = load(withExceptions(['- name: users', '  fields: ka.user.name', '  values: [alice, carol]']));
    expect(matching(res, alice)).toEqual([]);
    expect(matching(res, bob)).toEqual(['R']);
  });

  it('honours explicit comps, including list operators with a scalar value', () => {
    const res = load(withExceptions(['- name: e', '  fields: [ka.user.name, ka.target.namespace]', '  comps: [startswith, in]', '  values:', '    - [bo, kube-system]']));
    expect(matching(res, bobInKs)).toEqual([]);
    expect(matching(res, bob)).toEqual(['R']);
  });

  it('accepts a list of values in one cell and list names among values', () => {
    const res = load(['- list: admins', '  items: [alice, carol]', withExceptions(['- name: e', '  fields: [ka.user.name]', '  comps: [in]', '  values:', '    - [admins]', '- name: f', '  fields: [ka.target.namespace]', '  comps: [in]', '  values:', '    - [[kube-system, kube-public]]'])].join('\n'));
    expect(res.errors).toEqual([]);
    expect(matching(res, alice)).toEqual([]);
    expect(matching(res, bobInKs)).toEqual([]);
    expect(matching(res, bob)).toEqual(['R']);
  });

  it('adds nothing for an exception with fields but no values', () => {
    const res = load(withExceptions(['- name: placeholder', '  fields: [ka.user.name]']));
    expect(res.errors).toEqual([]);
    expect(matching(res, alice)).toEqual(['R']);
  });

  it('appends values to an existing exception through override', () => {
    const res = load([
      withExceptions(['- name: users', '  fields: [ka.user.name]', '  values: [[alice]]']),
      ['- rule: R', '  exceptions:', '    - name: users', '      values: [[bob]]', '  override:', '    exceptions: append', ''].join('\n'),
    ]);
    expect(res.errors).toEqual([]);
    expect(matching(res, alice)).toEqual([]);
    expect(matching(res, bob)).toEqual([]);
  });

  it('replaces all exceptions through override', () => {
    const res = load([
      withExceptions(['- name: users', '  fields: [ka.user.name]', '  values: [[alice]]']),
      ['- rule: R', '  exceptions:', '    - name: other', '      fields: [ka.user.name]', '      values: [[bob]]', '  override:', '    exceptions: replace', ''].join('\n'),
    ]);
    expect(matching(res, alice)).toEqual(['R']);
    expect(matching(res, bob)).toEqual([]);
  });

  it('refuses fields and comps of different lengths', () => {
    const res = load(withExceptions(['- name: e', '  fields: [ka.user.name, ka.verb]', '  comps: [=]', '  values: [[a, b]]']));
    expect(res.errors[0]?.code).toBe('exception');
    expect(res.errors[0]?.message).toMatch(/fields and comps lists must have equal length/);
  });

  it('refuses a value tuple of the wrong length, pointing at it', () => {
    const res = load(withExceptions(['- name: e', '  fields: [ka.user.name, ka.verb]', '  values:', '    - [a]']));
    expect(res.errors[0]?.message).toMatch(/fields and values lists must have equal length/);
    expect(res.errors[0]?.location).toMatchObject({ line: 11, column: 11 });
  });

  it('refuses a non-list comp for a single field', () => {
    const res = load(withExceptions(['- name: e', '  fields: ka.user.name', '  comps: =', '  values: [a]']));
    expect(res.errors[0]?.message).toMatch(/must be in, pmatch or intersects/);
  });

  it('refuses an unknown exception field at the field entry', () => {
    const res = load(withExceptions(['- name: e', '  fields: [ka.usr.name]', '  values: [[a]]']));
    expect(res.errors[0]?.code).toBe('unknown-field');
    expect(res.errors[0]?.location).toMatchObject({ line: 9, column: 16 });
  });

  it('refuses duplicate exception names and exceptions without fields', () => {
    expect(load(withExceptions(['- name: e', '  fields: [ka.verb]', '- name: e', '  fields: [ka.verb]'])).errors[0]?.message).toMatch(/used twice/);
    expect(load(withExceptions(['- name: e', '  values: [[a]]'])).errors[0]?.message).toMatch(/must have 'fields'/);
  });

  it('unquotes values that carry their own quotes, as Falco reads them', () => {
    const res = load(withExceptions(['- name: e', '  fields: [ka.user.name]', `  values: [['"alice"']]`]));
    expect(matching(res, alice)).toEqual([]);
  });
});
