import type { CanonicalEvent } from '../../../shared/event/types.ts';
import { ConditionCompiler } from '../../../shared/engine/condition/compiler.ts';
import { EvalContext } from '../../../shared/engine/condition/context.ts';
import { parseCondition } from '../../../shared/engine/condition/parser.ts';
import type { Predicate } from '../../../shared/engine/condition/check.ts';
import type { ListInfo } from '../../../shared/engine/ruleset/items.ts';
import { listLookup } from '../../../shared/engine/ruleset/lists.ts';
import { fakeFields } from '../fake-fields.ts';

export interface Defs {
  macros?: Record<string, string>;
  lists?: Record<string, string[]>;
}

/** Compiles `cond` against the fake registry with the given macros and lists. */
export function compile(cond: string, defs: Defs = {}, limits = {}): Predicate {
  const macros = new Map(Object.entries(defs.macros ?? {}).map(([k, v]) => [k, parseCondition(v, { macro: k })]));
  // The loader's list lookup, so nested lists flatten as they do for rule files.
  const lists = new Map(Object.entries(defs.lists ?? {}).map(([name, items]) => [name, { name, items } as unknown as ListInfo]));
  const compiler = new ConditionCompiler(
    { fields: fakeFields, macro: (n) => macros.get(n), list: listLookup(lists) },
    limits,
  );
  return compiler.compile(parseCondition(cond)).test;
}

/** Evaluates a compiled predicate on one event with a fresh context. */
export function run(test: Predicate, ev: CanonicalEvent): boolean {
  const ctx = new EvalContext();
  ctx.reset(ev);
  return test(ctx);
}

/** Compiles and evaluates in one step. */
export function holds(cond: string, ev: CanonicalEvent, defs: Defs = {}): boolean {
  return run(compile(cond, defs), ev);
}
