import type { Expr } from './condition/ast.ts';
import type { Predicate } from './condition/check.ts';
import type { OutputTemplate } from './output.ts';
import type { CompiledRule } from './types.ts';

/**
 * The executable part of a loaded rule. It lives under a symbol so a CompiledRule stays plain data
 * for JSON and display, while `{ ...rule }` copies still carry it to the Engine.
 */
export const PROGRAM: unique symbol = Symbol('kadet.rule-program');

export interface RuleProgram {
  /** The whole condition. */
  test: Predicate;
  /**
   * test as a flat AND. Conjuncts are shared objects when they come from the same macro or are the
   * same check written twice, so the Engine evaluates each distinct one at most once per event.
   */
  conjuncts: readonly Predicate[];
  output: OutputTemplate;
  /**
   * The condition as tested, exceptions included, with macros inlined and list names replaced by
   * their items: what static analysis of a rule (which requests it can fire on) reads.
   */
  condition: Expr;
}

export interface LoadedRule extends CompiledRule {
  readonly [PROGRAM]: RuleProgram;
}

/** The program of a rule produced by the loader; undefined for a hand-made CompiledRule. */
export function programOf(rule: CompiledRule): RuleProgram | undefined {
  return (rule as Partial<LoadedRule>)[PROGRAM];
}
