import { ConditionError } from '../errors.ts';
import type { FieldRegistry } from '../fields/types.ts';
import type { BinaryCheck, Expr, MacroRef, Operand, UnaryCheck } from './ast.ts';
import { compileCheck, type Predicate } from './check.ts';
import { MAX_CONDITION_NODES, MAX_MACRO_DEPTH } from './limits.ts';
import type { ListLookup } from './values.ts';

export type { Predicate } from './check.ts';

export interface CompileEnv {
  fields: FieldRegistry;
  /** The parsed condition of a macro; undefined when no macro has that name. */
  macro(name: string): Expr | undefined;
  list: ListLookup;
}

export interface Compiled {
  test: Predicate;
  /**
   * The top-level AND flattened through parentheses and macros (`kevt and pod` with
   * `pod = a and b` gives [kevt, a, b]); `test` is their conjunction. The Engine uses the first one
   * as a shared, memoised pre-filter.
   */
  conjuncts: Predicate[];
  /** AST nodes once macros are inlined; bounded by MAX_CONDITION_NODES. */
  nodes: number;
}

export interface CompileLimits {
  maxNodes?: number;
  maxMacroDepth?: number;
}

/** The conjunction of predicates, evaluated left to right with short-circuit. */
export function all(ts: readonly Predicate[]): Predicate {
  const n = ts.length;
  if (n === 0) return () => true;
  if (n === 1) return ts[0]!;
  if (n === 2) {
    const [a, b] = ts as [Predicate, Predicate];
    return (c) => a(c) && b(c);
  }
  return (c) => {
    for (let i = 0; i < n; i++) if (!ts[i]!(c)) return false;
    return true;
  };
}

function any(ts: readonly Predicate[]): Predicate {
  const n = ts.length;
  if (n === 1) return ts[0]!;
  if (n === 2) {
    const [a, b] = ts as [Predicate, Predicate];
    return (c) => a(c) || b(c);
  }
  return (c) => {
    for (let i = 0; i < n; i++) if (ts[i]!(c)) return true;
    return false;
  };
}

function operandKey(o: Operand): string {
  return o.kind === 'transform' ? `${o.name}(${operandKey(o.operand)})` : `${o.name}[${o.arg ?? ''}]${o.arg === undefined ? '-' : '+'}`;
}

/** What makes two checks the same check, whatever their position. */
function checkKey(e: UnaryCheck | BinaryCheck): string {
  if (e.kind === 'unary') return JSON.stringify([operandKey(e.left), e.op]);
  const r = e.right;
  const rhs =
    r.kind === 'list' ? ['list', r.items.map((i) => [i.text, i.quoted])] : r.kind === 'operand' ? ['operand', operandKey(r.operand)] : [r.kind, r.value.text, r.value.quoted];
  return JSON.stringify([operandKey(e.left), e.op, rhs]);
}

/**
 * Compiles condition ASTs to closures (no eval, no new Function). Macros are inlined on first use
 * and their closures shared between rules, so a macro used by every rule is compiled once and a
 * macro nobody uses is never compiled (mixed syscall/k8s files load fine).
 */
export class ConditionCompiler {
  private readonly cache = new Map<string, Compiled>();
  private readonly checks = new Map<string, Compiled>();
  private readonly stack: string[] = [];
  private readonly maxNodes: number;
  private readonly maxMacroDepth: number;

  constructor(
    private readonly env: CompileEnv,
    limits: CompileLimits = {},
  ) {
    this.maxNodes = limits.maxNodes ?? MAX_CONDITION_NODES;
    this.maxMacroDepth = limits.maxMacroDepth ?? MAX_MACRO_DEPTH;
  }

  /** Compiles a whole condition; throws ConditionError at the offending node. */
  compile(ast: Expr): Compiled {
    const c = this.expr(ast);
    if (c.nodes > this.maxNodes) {
      throw new ConditionError(`condition has more than ${this.maxNodes} nodes once macros are inlined`, 'limit', ast.pos, ast.src);
    }
    return c;
  }

  private expr(e: Expr): Compiled {
    switch (e.kind) {
      case 'and': {
        const parts = e.children.map((ch) => this.expr(ch));
        const conjuncts = parts.flatMap((p) => p.conjuncts);
        return { test: all(conjuncts), conjuncts, nodes: parts.reduce((n, p) => n + p.nodes, 1) };
      }
      case 'or': {
        const parts = e.children.map((ch) => this.expr(ch));
        const test = any(parts.map((p) => p.test));
        return { test, conjuncts: [test], nodes: parts.reduce((n, p) => n + p.nodes, 1) };
      }
      case 'not': {
        const inner = this.expr(e.child);
        const t = inner.test;
        const test: Predicate = (c) => !t(c);
        return { test, conjuncts: [test], nodes: inner.nodes + 1 };
      }
      case 'macro':
        return this.macro(e);
      case 'unary':
      case 'binary': {
        // The same check in many rules becomes one closure, which the Engine evaluates once per event.
        const key = checkKey(e);
        let c = this.checks.get(key);
        if (!c) {
          const test = compileCheck(e, this.env);
          this.checks.set(key, (c = { test, conjuncts: [test], nodes: 1 }));
        }
        return c;
      }
    }
  }

  private macro(ref: MacroRef): Compiled {
    const cached = this.cache.get(ref.name);
    if (cached) return cached;
    const at = this.stack.indexOf(ref.name);
    if (at >= 0) {
      const cycle = [...this.stack.slice(at), ref.name].join(' -> ');
      throw new ConditionError(`macro cycle: ${cycle}`, 'macro-cycle', ref.pos, ref.src);
    }
    const ast = this.env.macro(ref.name);
    if (!ast) {
      const hint = this.env.list(ref.name) ? ` ('${ref.name}' is a list: use it as in (${ref.name}))` : '';
      throw new ConditionError(`undefined macro '${ref.name}' used in condition${hint}`, 'unknown-macro', ref.pos, ref.src);
    }
    if (this.stack.length >= this.maxMacroDepth) {
      throw new ConditionError(`macros nest deeper than ${this.maxMacroDepth} levels`, 'limit', ref.pos, ref.src);
    }
    this.stack.push(ref.name);
    try {
      const compiled = this.expr(ast);
      if (compiled.nodes > this.maxNodes) {
        throw new ConditionError(`macro '${ref.name}' has more than ${this.maxNodes} nodes once inlined`, 'limit', ref.pos, ref.src);
      }
      this.cache.set(ref.name, compiled);
      return compiled;
    } finally {
      this.stack.pop();
    }
  }
}
