import type { Expr } from '../condition/ast.ts';
import { and, not, or, type Approx } from './approx.ts';
import { checkApprox, operandFields } from './atoms.ts';

/**
 * Approximates inlined conditions (RuleProgram.condition), optionally for one kadet.provider:
 * then provider checks are constants, which keeps provider-specific branches (EKS, AKS, GKE
 * identities) from multiplying the boxes. Inlined macros are shared nodes, so each macro is
 * approximated and negated once for every rule using it.
 */
export class Approximator {
  private readonly memo = new WeakMap<Expr, Approx>();
  private readonly negated = new WeakMap<Approx, Approx>();

  constructor(private readonly provider?: string) {}

  /** The approximation of an inlined condition. */
  approximate(e: Expr): Approx {
    let a = this.memo.get(e);
    if (a === undefined) this.memo.set(e, (a = this.compute(e)));
    return a;
  }

  private negation(inner: Approx): Approx {
    let a = this.negated.get(inner);
    if (a === undefined) this.negated.set(inner, (a = not(inner)));
    return a;
  }

  private compute(e: Expr): Approx {
    switch (e.kind) {
      case 'and':
        return and(e.children.map((c) => this.approximate(c)));
      case 'or':
        return or(e.children.map((c) => this.approximate(c)));
      case 'not':
        return this.negation(this.approximate(e.child));
      case 'macro':
        // Inlined conditions hold no macro references; one left is a condition nobody expanded.
        throw new TypeError(`macro '${e.name}' was not inlined`);
      case 'unary':
      case 'binary':
        return checkApprox(e, this.provider);
    }
  }
}

/** Every field a condition reads, as written: name and argument, once each. */
export function fieldsRead(e: Expr): [string, string | undefined][] {
  const out = new Map<string, [string, string | undefined]>();
  const visit = (x: Expr): void => {
    if (x.kind === 'and' || x.kind === 'or') x.children.forEach(visit);
    else if (x.kind === 'not') visit(x.child);
    else if (x.kind === 'unary' || x.kind === 'binary') {
      const operands = [x.left, ...(x.kind === 'binary' && x.right.kind === 'operand' ? [x.right.operand] : [])];
      for (const [name, arg] of operands.flatMap(operandFields)) out.set(`${name}[${arg ?? ''}]`, [name, arg]);
    }
  };
  visit(e);
  return [...out.values()];
}
