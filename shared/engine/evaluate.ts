import type { CanonicalEvent } from '../event/types.ts';
import type { Predicate } from './condition/check.ts';
import { EvalContext } from './condition/context.ts';
import { renderOutput } from './output.ts';
import { programOf } from './program.ts';
import type { CompiledRule, RuleMatch } from './types.ts';

export interface EngineOptions {
  /** 'first' (default, Falco's rule_matching: first): at most one match, in definition order. */
  matching?: 'first' | 'all';
}

/**
 * Evaluates events against loaded rules. Every rule is a flat AND of conjuncts; conjuncts shared
 * between rules (the `kevt` macro every Falco k8s rule starts with, `kcreate`, `pod`, a check
 * written in several rules) are evaluated at most once per event and remembered, which plays the
 * part of Falco's event-type index. Field values are cached per event in one EvalContext.
 */
export class Engine {
  private readonly rules: CompiledRule[];
  private readonly outputs;
  private readonly firstOnly: boolean;
  private readonly ctx: EvalContext;
  /** Distinct conjuncts of all rules. */
  private readonly preds: Predicate[] = [];
  /** Rule i's conjuncts are preds[conj[start[i]]] … preds[conj[start[i+1] - 1]]. */
  private readonly conj: Int32Array;
  private readonly start: Int32Array;
  /** Per-event memo: verdict[k] holds for this event when stamp[k] === epoch. */
  private readonly stamp: Uint32Array;
  private readonly verdict: Uint8Array;
  private epoch = 0;

  constructor(rules: CompiledRule[], opts: EngineOptions = {}) {
    this.rules = [...rules];
    const programs = this.rules.map((r) => {
      const p = programOf(r);
      if (!p) throw new TypeError(`rule '${r.name}' was not produced by loadRuleSources/loadRulePaths`);
      return p;
    });
    this.outputs = programs.map((p) => p.output);
    const index = new Map<Predicate, number>();
    const conj: number[] = [];
    const start: number[] = [];
    for (const p of programs) {
      start.push(conj.length);
      for (const c of p.conjuncts) {
        let k = index.get(c);
        if (k === undefined) index.set(c, (k = this.preds.push(c) - 1));
        conj.push(k);
      }
    }
    start.push(conj.length);
    this.conj = Int32Array.from(conj);
    this.start = Int32Array.from(start);
    this.stamp = new Uint32Array(this.preds.length);
    this.verdict = new Uint8Array(this.preds.length);
    this.firstOnly = (opts.matching ?? 'first') === 'first';
    // Created after every rule was compiled, so it has a slot for every field they read.
    this.ctx = new EvalContext();
  }

  /** Evaluates one event; never throws. With 'first' (default, as Falco's rule_matching: first) at most one match, rules in definition order. */
  evaluate(ce: CanonicalEvent): RuleMatch[] {
    const ctx = this.ctx;
    ctx.reset(ce);
    if (++this.epoch === 0xffffffff) {
      this.stamp.fill(0);
      this.epoch = 1;
    }
    const epoch = this.epoch;
    const { conj, start, stamp, verdict, preds } = this;
    let matches: RuleMatch[] | undefined;
    const n = this.rules.length;
    rules: for (let i = 0; i < n; i++) {
      for (let j = start[i]!, end = start[i + 1]!; j < end; j++) {
        const k = conj[j]!;
        if (stamp[k] !== epoch) {
          stamp[k] = epoch;
          verdict[k] = this.holds(preds[k]!) ? 1 : 0;
        }
        if (verdict[k] === 0) continue rules;
      }
      (matches ??= []).push(this.match(i));
      if (this.firstOnly) break;
    }
    return matches ?? [];
  }

  private holds(test: Predicate): boolean {
    try {
      return test(this.ctx);
    } catch {
      // Predicates guard every extraction; this only catches a bug in the engine itself.
      return false;
    }
  }

  private match(i: number): RuleMatch {
    const rule = this.rules[i]!;
    try {
      return { rule, ...renderOutput(this.outputs[i]!, this.ctx) };
    } catch {
      return { rule, output: rule.output, outputFields: {} };
    }
  }
}
