import type { Expr, Literal, RightHand } from './ast.ts';
import type { ListLookup } from './values.ts';

/** Where a condition's names point: the loader's parsed macros and flattened lists. */
export interface InlineEnv {
  macro(name: string): Expr | undefined;
  list: ListLookup;
}

/**
 * Returns a function giving a condition with every macro inlined and every list name on a
 * right-hand side replaced by its items (as quoted literals), so static analysis sees what the
 * compiled closures test. A macro is expanded once and shared between the rules using it. Only
 * called on conditions the compiler accepted, so a macro is always defined and never cyclic.
 */
export function conditionInliner(env: InlineEnv): (ast: Expr) => Expr {
  const macros = new Map<string, Expr>();
  const expr = (e: Expr): Expr => {
    switch (e.kind) {
      case 'and':
      case 'or':
        return { ...e, children: e.children.map(expr) };
      case 'not':
        return { ...e, child: expr(e.child) };
      case 'macro': {
        let done = macros.get(e.name);
        if (done === undefined) {
          const body = env.macro(e.name);
          if (body === undefined) return e;
          macros.set(e.name, (done = expr(body)));
        }
        return done;
      }
      case 'unary':
        return e;
      case 'binary':
        return { ...e, right: rightHand(e.right) };
    }
  };
  const items = (lits: readonly Literal[]): Literal[] =>
    lits.flatMap((l) => {
      const named = l.quoted ? undefined : env.list(l.text);
      return named === undefined ? [l] : named.map((text) => ({ ...l, text, quoted: true }));
    });
  const rightHand = (r: RightHand): RightHand => {
    switch (r.kind) {
      case 'list':
        return { ...r, items: items(r.items) };
      case 'listname':
        return { kind: 'list', items: items([r.value]), pos: r.value.pos };
      case 'literal': {
        // Falco substitutes a one-item list textually (`x = some_list`); the compiler allows no other.
        const named = r.value.quoted ? undefined : env.list(r.value.text);
        return named?.length === 1 ? { kind: 'literal', value: { ...r.value, text: named[0]!, quoted: true } } : r;
      }
      case 'operand':
        return r;
    }
  };
  return expr;
}
