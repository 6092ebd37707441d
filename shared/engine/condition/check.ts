import { ConditionError, type RuleLoadErrorCode } from '../errors.ts';
import type { FieldDef, FieldRegistry, FieldType } from '../fields/types.ts';
import type { BinaryCheck, Operand, UnaryCheck } from './ast.ts';
import type { EvalContext } from './context.ts';
import {
  FIELD_RHS_OPS,
  LIST_FIELD_OPS,
  OPS_BY_TYPE,
  atomTest,
  compareAtoms,
  compareStrings,
  pathPrefixTest,
  stringTest,
  type Atom,
} from './operators.ts';
import { slotFor } from './slots.ts';
import type { Operator } from './tokens.ts';
import { TRANSFORMS, type StringTransform } from './transformers.ts';
import { expandItems, toAtom, type Item, type ListLookup } from './values.ts';

export type Predicate = (ctx: EvalContext) => boolean;

export interface CheckEnv {
  fields: FieldRegistry;
  list: ListLookup;
}

interface Resolved {
  slot: number;
  def: FieldDef;
  type: FieldType;
  /** A list field read without an index: only exists/in/intersects make sense. */
  listValued: boolean;
  name: string;
}

function fail(message: string, code: RuleLoadErrorCode, pos: number, src: unknown): never {
  throw new ConditionError(message, code, pos, src);
}

/** Resolves `field[arg]` under any transformers to its cache slot, checking the argument. */
export function resolveOperand(o: Operand, fields: FieldRegistry): Resolved {
  const chain: string[] = [];
  let cur: Operand = o;
  while (cur.kind === 'transform') {
    if (cur.name !== 'val') chain.unshift(cur.name);
    cur = cur.operand;
  }
  const def = fields.get(cur.name);
  if (!def) fail(`unknown field '${cur.name}'`, 'unknown-field', cur.pos, cur.src);
  const argPos = cur.argPos ?? cur.pos;
  if (cur.arg !== undefined && !def.arg) fail(`field '${cur.name}' does not take an argument`, 'field-arg', argPos, cur.src);
  if (cur.arg === undefined && def.arg?.required) fail(`field '${cur.name}' requires an argument, as in ${cur.name}[…]`, 'field-arg', cur.pos, cur.src);
  if (cur.arg !== undefined && def.arg?.kind === 'index' && !/^[0-9]+$/.test(cur.arg)) {
    fail(`field '${cur.name}' takes a numeric index, not '${cur.arg}'`, 'field-arg', argPos, cur.src);
  }
  const fns: StringTransform[] = [];
  for (const name of chain) {
    const fn = TRANSFORMS.get(name);
    if (!fn) fail(`unknown transformer '${name}'`, 'operator', o.pos, o.src);
    if (def.type !== 'string') fail(`transformer '${name}' needs a string field, '${cur.name}' is ${def.type}`, 'operator', o.pos, o.src);
    fns.push(fn);
  }
  const name = cur.arg === undefined ? cur.name : `${cur.name}[${cur.arg}]`;
  return { slot: slotFor(def, cur.arg, chain, fns), def, type: def.type, listValued: def.isList && cur.arg === undefined, name };
}

function checkOperator(op: Operator, f: Resolved, node: UnaryCheck | BinaryCheck): void {
  if (op === 'bcontains' || op === 'bstartswith') {
    fail(`operator '${op}' works on byte buffers only; field '${f.name}' is ${f.type}`, 'operator', node.opPos, node.src);
  }
  if (f.listValued && !LIST_FIELD_OPS.has(op)) {
    fail(`list field '${f.name}' only supports operators 'exists', 'in' and 'intersects'`, 'operator', node.opPos, node.src);
  }
  if (!OPS_BY_TYPE[f.type].has(op)) fail(`operator '${op}' is not supported by ${f.type} field '${f.name}'`, 'operator', node.opPos, node.src);
}

/** Compiles one field check to a closure; every comparison with an absent value is false. */
export function compileCheck(node: UnaryCheck | BinaryCheck, env: CheckEnv): Predicate {
  const f = resolveOperand(node.left, env.fields);
  checkOperator(node.op, f, node);
  const slot = f.slot;
  if (node.kind === 'unary') return (c) => c.get(slot) !== undefined;
  const right = node.right;
  switch (right.kind) {
    case 'operand':
      return fieldComparison(node, f, resolveOperand(right.operand, env.fields));
    case 'list':
      return listComparison(node, f, expandItems(right.items, env.list));
    case 'listname':
      return listComparison(node, f, expandItems([right.value], env.list));
    case 'literal': {
      let { text } = right.value;
      const named = right.value.quoted ? undefined : env.list(text);
      // Falco substitutes list names textually, so `x = some_list` works for a one-item list.
      if (named) {
        if (named.length !== 1) fail(`list '${text}' has ${named.length} items; use it with 'in', 'intersects' or 'pmatch'`, 'operator', right.value.pos, right.value.src);
        text = named[0]!;
      }
      return scalarComparison(node, f, { ...right.value, text });
    }
  }
}

function literalAtom(item: Item, f: Resolved): Atom {
  const a = toAtom(item.text, f.type);
  if (a === undefined) fail(`'${item.text}' is not a valid ${f.type} value for field '${f.name}'`, 'bad-literal', item.pos, item.src);
  return a;
}

function scalarComparison(node: BinaryCheck, f: Resolved, item: Item): Predicate {
  const slot = f.slot;
  const op = node.op;
  if (op === 'in' || op === 'intersects' || op === 'pmatch') return listComparison(node, f, [item]);
  const lit = literalAtom(item, f);
  if (typeof lit === 'string') {
    // Fast path for the most common check: an absent value or a list is never === a string.
    if (op === '=' || op === '==') return (c) => c.get(slot) === lit;
    let test: ((v: string) => boolean) | undefined;
    try {
      test = stringTest(op, lit);
    } catch (err) {
      fail(`invalid regular expression '${lit}': ${(err as Error).message}`, 'bad-regex', item.pos, item.src);
    }
    if (!test) fail(`operator '${op}' needs a list of values`, 'operator', node.opPos, node.src);
    const t = test;
    return (c) => {
      const v = c.get(slot);
      return typeof v === 'string' && t(v);
    };
  }
  const test = atomTest(op, lit);
  if (!test) fail(`operator '${op}' is not supported by ${f.type} field '${f.name}'`, 'operator', node.opPos, node.src);
  const kind = typeof lit;
  return (c) => {
    const v = c.get(slot);
    return typeof v === kind && test(v as Atom);
  };
}

function listComparison(node: BinaryCheck, f: Resolved, items: Item[]): Predicate {
  const slot = f.slot;
  const op = node.op;
  if (op === 'pmatch') {
    const t = pathPrefixTest(items.map((i) => i.text));
    return (c) => {
      const v = c.get(slot);
      return typeof v === 'string' && t(v);
    };
  }
  if (op !== 'in' && op !== 'intersects') fail(`operator '${op}' needs a single value, not a list`, 'operator', node.opPos, node.src);
  const set = new Set<Atom>(items.map((i) => literalAtom(i, f)));
  // Falco: `in` holds when every extracted value is in the set, `intersects` when any is.
  const every = op === 'in';
  return (c) => {
    const v = c.get(slot);
    if (v === undefined) return false;
    if (typeof v !== 'object') return set.has(v);
    for (let i = 0; i < v.length; i++) if (set.has(v[i]!) !== every) return !every;
    return every;
  };
}

function fieldComparison(node: BinaryCheck, f: Resolved, r: Resolved): Predicate {
  const op = node.op;
  if (!FIELD_RHS_OPS.has(op)) fail(`operator '${op}' cannot compare with a field`, 'operator', node.opPos, node.src);
  if (f.type !== r.type || f.listValued !== r.listValued) {
    fail(`field '${f.name}' (${f.type}${f.listValued ? ' list' : ''}) cannot be compared with '${r.name}' (${r.type}${r.listValued ? ' list' : ''})`, 'operator', node.opPos, node.src);
  }
  const ls = f.slot;
  const rs = r.slot;
  if (op === 'in' || op === 'intersects') {
    const every = op === 'in';
    return (c) => {
      const l = c.get(ls);
      const rv = c.get(rs);
      if (l === undefined || rv === undefined) return false;
      const rights: readonly Atom[] = typeof rv === 'object' ? rv : [rv];
      const lefts: readonly Atom[] = typeof l === 'object' ? l : [l];
      return every ? lefts.every((x) => rights.includes(x)) : lefts.some((x) => rights.includes(x));
    };
  }
  return (c) => {
    const l = c.get(ls);
    const rv = c.get(rs);
    if (l === undefined || rv === undefined || typeof l === 'object' || typeof rv === 'object') return false;
    return typeof l === 'string' && typeof rv === 'string' ? compareStrings(op, l, rv) : compareAtoms(op, l, rv);
  };
}
