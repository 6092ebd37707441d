import type { FieldType } from '../fields/types.ts';
import { compileGlob } from './glob.ts';
import type { Operator } from './tokens.ts';

/** A value as the evaluator holds it after normalisation by field type. */
export type Atom = string | number | boolean;

/** Operators each field type accepts; list-valued fields accept only LIST_FIELD_OPS. */
export const OPS_BY_TYPE: Readonly<Record<FieldType, ReadonlySet<Operator>>> = {
  string: new Set<Operator>(['=', '==', '!=', '<', '<=', '>', '>=', 'contains', 'icontains', 'startswith', 'endswith', 'glob', 'iglob', 'regex', 'pmatch', 'in', 'intersects', 'exists']),
  uint64: new Set<Operator>(['=', '==', '!=', '<', '<=', '>', '>=', 'in', 'intersects', 'exists']),
  bool: new Set<Operator>(['=', '==', '!=', 'in', 'intersects', 'exists']),
};

export const LIST_FIELD_OPS: ReadonlySet<Operator> = new Set<Operator>(['exists', 'in', 'intersects']);

/** Operators that also work with a field (val()/transformer) on the right-hand side. */
export const FIELD_RHS_OPS: ReadonlySet<Operator> = new Set<Operator>(['=', '==', '!=', '<', '<=', '>', '>=', 'contains', 'icontains', 'startswith', 'endswith', 'in', 'intersects']);

/** Ordering and equality shared by every type; strings compare like strcmp, as libsinsp does. */
export function compareAtoms(op: Operator, a: Atom, b: Atom): boolean {
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    default:
      return false;
  }
}

/** Substring operators between two strings known only at evaluation time. */
export function compareStrings(op: Operator, a: string, b: string): boolean {
  switch (op) {
    case 'contains':
      return a.includes(b);
    case 'icontains':
      return a.toLowerCase().includes(b.toLowerCase());
    case 'startswith':
      return a.startsWith(b);
    case 'endswith':
      return a.endsWith(b);
    default:
      return compareAtoms(op, a, b);
  }
}

/**
 * A test of one string against a constant, built once at load time. Returns undefined for an
 * operator that is not a scalar string test (lists and `exists` are handled by the caller).
 * `regex` throws SyntaxError for an invalid pattern.
 */
export function stringTest(op: Operator, lit: string): ((v: string) => boolean) | undefined {
  const ordered = orderTest(op, lit);
  if (ordered) return ordered;
  switch (op) {
    case 'contains':
      return (v) => v.includes(lit);
    case 'icontains': {
      const low = lit.toLowerCase();
      return (v) => v.toLowerCase().includes(low);
    }
    case 'startswith':
      return (v) => v.startsWith(lit);
    case 'endswith':
      return (v) => v.endsWith(lit);
    case 'glob':
      return compileGlob(lit);
    case 'iglob':
      return compileGlob(lit, true);
    case 'regex': {
      // RE2 `Match(..., ANCHOR_BOTH)` in libsinsp: the whole string must match.
      const re = new RegExp(`^(?:${lit})$`);
      return (v) => re.test(v);
    }
    default:
      return undefined;
  }
}

/** Path-prefix membership (`pmatch`): /etc matches /etc and /etc/passwd, never /etcd. */
export function pathPrefixTest(paths: readonly string[]): (v: string) => boolean {
  const set = new Set(paths.map((p) => (p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p)));
  const root = set.has('/');
  return (v) => {
    if (set.has(v)) return true;
    if (root && v.startsWith('/')) return true;
    for (let i = v.indexOf('/', 1); i > 0; i = v.indexOf('/', i + 1)) {
      if (set.has(v.slice(0, i))) return true;
    }
    return false;
  };
}

/** A comparison of a number or boolean against a constant of the same type. */
export function atomTest(op: Operator, lit: Atom): ((v: Atom) => boolean) | undefined {
  return orderTest(op, lit);
}

/** Equality and ordering, the comparisons every value type has (strings order as libsinsp's strcmp). */
function orderTest<T extends string | Atom>(op: Operator, lit: T): ((v: T) => boolean) | undefined {
  switch (op) {
    case '=':
    case '==':
      return (v) => v === lit;
    case '!=':
      return (v) => v !== lit;
    case '<':
      return (v) => v < lit;
    case '<=':
      return (v) => v <= lit;
    case '>':
      return (v) => v > lit;
    case '>=':
      return (v) => v >= lit;
    default:
      return undefined;
  }
}
