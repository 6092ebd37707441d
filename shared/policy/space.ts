// The requests still possible at a point of the coverage search, one constraint per dimension the
// policy can test without knowing the request: user, groups, namespace and object name.

/** Strings that are either exactly `only`, or anything `except` these. */
export type StringSet = { only: ReadonlySet<string> } | { except: ReadonlySet<string> };

export const ANYTHING: StringSet = { except: new Set() };

/** The set of exactly these strings. */
export function only(values: readonly string[]): StringSet {
  return { only: new Set(values) };
}

/** `s` narrowed to `values`. */
export function within(s: StringSet, values: readonly string[]): StringSet {
  if ('only' in s) return only(values.filter((v) => s.only.has(v)));
  return only(values.filter((v) => !s.except.has(v)));
}

/** `s` without `values`. */
export function outside(s: StringSet, values: readonly string[]): StringSet {
  if ('only' in s) return only([...s.only].filter((v) => !values.includes(v)));
  return { except: new Set([...s.except, ...values]) };
}

/** Requests still possible: each string dimension, and which groups the user must / must not have. */
export interface Space {
  user: StringSet;
  namespace: StringSet;
  name: StringSet;
  /** For each entry, the user is in at least one of its groups. */
  groupsHit: readonly (readonly string[])[];
  /** The user is in none of these. */
  groupsMiss: ReadonlySet<string>;
}

/** One test a rule makes on an open dimension: the value (or one of the user's groups) is in `values`. */
export interface Condition {
  dim: 'user' | 'namespace' | 'name' | 'groups';
  values: readonly string[];
}

/** The part of `space` where `c` holds (`holds`) or fails. */
export function restrict(space: Space, c: Condition, holds: boolean): Space {
  if (c.dim === 'groups') {
    return holds ? { ...space, groupsHit: [...space.groupsHit, c.values] } : { ...space, groupsMiss: new Set([...space.groupsMiss, ...c.values]) };
  }
  return { ...space, [c.dim]: holds ? within(space[c.dim], c.values) : outside(space[c.dim], c.values) };
}

/** True when some request satisfies every constraint (strings are unbounded; groups are a free set). */
export function isPossible(space: Space): boolean {
  const nonEmpty = (s: StringSet): boolean => !('only' in s) || s.only.size > 0;
  if (!nonEmpty(space.user) || !nonEmpty(space.namespace) || !nonEmpty(space.name)) return false;
  return space.groupsHit.every((gs) => gs.some((g) => !space.groupsMiss.has(g)));
}
