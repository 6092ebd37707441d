// The values one event field can take in the requests a condition can fire on: exact strings,
// prefixes (`startswith`) and "absent", or everything except those. Complement is exact; a
// positive prefix minus excluded values inside it is not representable, so intersection takes a
// direction: 'over' keeps the prefix (a superset, for "could fire on"), 'under' drops it (a
// subset, for "always fires on"), which is what negating an approximation needs.

/** `negated` false: the base values; true: everything but them. `absent` is "the field is missing". */
export interface ValueSet {
  readonly negated: boolean;
  readonly values: ReadonlySet<string>;
  readonly prefixes: readonly string[];
  readonly absent: boolean;
}

/** Which way an inexact result may err: towards more values or towards fewer. */
export type Direction = 'over' | 'under';

export const ALL_VALUES: ValueSet = Object.freeze({ negated: true, values: new Set<string>(), prefixes: [], absent: false });
export const NO_VALUES: ValueSet = Object.freeze({ negated: false, values: new Set<string>(), prefixes: [], absent: false });

/** Exactly these values (and "absent" when `absent`). */
export function valuesOf(values: Iterable<string>, absent = false): ValueSet {
  return { negated: false, values: new Set(values), prefixes: [], absent };
}

/** Every string starting with `prefix`. */
export function prefixOf(prefix: string): ValueSet {
  return { negated: false, values: new Set(), prefixes: [prefix], absent: false };
}

/** Whether `value` (undefined: absent) is in the set. */
export function contains(s: ValueSet, value: string | undefined): boolean {
  const base = value === undefined ? s.absent : s.values.has(value) || s.prefixes.some((p) => value.startsWith(p));
  return s.negated ? !base : base;
}

/** The values not in `s`; exact. */
export function complement(s: ValueSet): ValueSet {
  return { ...s, negated: !s.negated };
}

/** True when no value and not "absent" is in the set. */
export function isEmpty(s: ValueSet): boolean {
  if (!s.negated) return s.values.size === 0 && s.prefixes.length === 0 && !s.absent;
  return s.absent && s.prefixes.includes('');
}

/** True when every value and "absent" are in the set. */
export function isAll(s: ValueSet): boolean {
  return isEmpty(complement(s));
}

/** The members when there are finitely many: values, and whether "absent" is one. */
export function finiteMembers(s: ValueSet): { values: string[]; absent: boolean } | undefined {
  if (s.negated || s.prefixes.length > 0) return undefined;
  return { values: [...s.values].sort(), absent: s.absent };
}

/** Whether the set holds strings it does not name (a stand-in for "any other value" is in it). */
export function holdsUnnamed(s: ValueSet): boolean {
  return s.negated || s.prefixes.length > 0;
}

/** `a ∩ b`, exact except for prefixes with holes, which `dir` decides. */
export function intersect(a: ValueSet, b: ValueSet, dir: Direction): ValueSet {
  if (a.negated && b.negated) {
    return { negated: true, values: new Set([...a.values, ...b.values]), prefixes: dedupe([...a.prefixes, ...b.prefixes]), absent: a.absent || b.absent };
  }
  if (!a.negated && !b.negated) {
    const values = new Set([...[...a.values].filter((v) => contains(b, v)), ...[...b.values].filter((v) => contains(a, v))]);
    const prefixes = a.prefixes.flatMap((pa) => b.prefixes.flatMap((pb) => (pa.startsWith(pb) ? [pa] : pb.startsWith(pa) ? [pb] : [])));
    return { negated: false, values, prefixes: dedupe(prefixes), absent: a.absent && b.absent };
  }
  const [pos, neg] = a.negated ? [b, a] : [a, b];
  const values = new Set([...pos.values].filter((v) => contains(neg, v)));
  const prefixes = pos.prefixes.filter((p) => {
    if (neg.prefixes.some((q) => p.startsWith(q))) return false; // wholly excluded
    const holed = [...neg.values].some((v) => v.startsWith(p)) || neg.prefixes.some((q) => q.startsWith(p));
    return !holed || dir === 'over';
  });
  return { negated: false, values, prefixes, absent: pos.absent && !neg.absent };
}

/** `a ∪ b`: the complement of the intersection of complements, erring the same way. */
export function union(a: ValueSet, b: ValueSet, dir: Direction): ValueSet {
  return complement(intersect(complement(a), complement(b), dir === 'over' ? 'under' : 'over'));
}

/** Short text for people: `secrets`, `{get,list}`, `not {a,b}`, `system:node:*`, `∅`. */
export function describeValues(s: ValueSet): string {
  if (isAll(s)) return '*';
  if (isEmpty(s)) return '∅';
  const parts = [...[...s.values].sort(), ...s.prefixes.map((p) => `${p}*`), ...(s.absent ? ['(absent)'] : [])];
  const body = parts.length === 1 ? parts[0]! : `{${parts.join(',')}}`;
  return s.negated ? `not ${body}` : body;
}

function dedupe(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}
