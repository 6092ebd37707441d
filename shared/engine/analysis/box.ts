// A box is a set of requests given one value set per dimension (their product), plus what the
// user's groups must and must not include, plus the audit level needed to evaluate the checks
// that carved it out. A condition's requests are approximated by a union of boxes.

import type { AuditLevel } from '../../event/types.ts';
import { ALL_VALUES, complement, describeValues, intersect, isAll, isEmpty, union, type Direction, type ValueSet } from './value-set.ts';

/** The request properties a condition can constrain and an audit policy (or the provider) decides on. */
export const DIMENSIONS = ['verb', 'group', 'resource', 'subresource', 'namespace', 'user', 'uri', 'stage', 'provider'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** The user is in at least one group of each `hit` entry and in none of `miss`. */
export interface GroupConstraint {
  readonly hit: readonly (readonly string[])[];
  readonly miss: ReadonlySet<string>;
}

export interface Box {
  readonly dims: Readonly<Record<Dimension, ValueSet>>;
  readonly groups: GroupConstraint;
  /** The level the fields tested on the way to this box need (None when only the policy's own attributes). */
  readonly level: AuditLevel;
}

const LEVEL_ORDER: readonly AuditLevel[] = ['None', 'Metadata', 'Request', 'RequestResponse'];

/** The higher of two levels. */
export function maxLevel(a: AuditLevel, b: AuditLevel): AuditLevel {
  return LEVEL_ORDER.indexOf(a) >= LEVEL_ORDER.indexOf(b) ? a : b;
}

const ALL_DIMS = Object.freeze(Object.fromEntries(DIMENSIONS.map((d) => [d, ALL_VALUES]))) as Record<Dimension, ValueSet>;
const NO_GROUPS: GroupConstraint = Object.freeze({ hit: [], miss: new Set<string>() });

/** Every request, needing `level`. */
export function topBox(level: AuditLevel = 'Metadata'): Box {
  return { dims: ALL_DIMS, groups: NO_GROUPS, level };
}

/** The requests whose `dim` is in `set` (and, optionally, whose groups satisfy `groups`). */
export function boxOf(level: AuditLevel, dims: Partial<Record<Dimension, ValueSet>>, groups: GroupConstraint = NO_GROUPS): Box {
  return { dims: { ...ALL_DIMS, ...dims }, groups, level };
}

/** Requests in both boxes, needing both levels. */
export function intersectBoxes(a: Box, b: Box, dir: Direction): Box {
  const dims = {} as Record<Dimension, ValueSet>;
  for (const d of DIMENSIONS) dims[d] = a.dims[d] === ALL_VALUES ? b.dims[d] : b.dims[d] === ALL_VALUES ? a.dims[d] : intersect(a.dims[d], b.dims[d], dir);
  const groups = { hit: [...a.groups.hit, ...b.groups.hit], miss: new Set([...a.groups.miss, ...b.groups.miss]) };
  return { dims, groups, level: maxLevel(a.level, b.level) };
}

/** True when no request fits (a dimension is empty, or a required group is also forbidden). */
export function isEmptyBox(b: Box): boolean {
  if (DIMENSIONS.some((d) => isEmpty(b.dims[d]))) return true;
  return b.groups.hit.some((gs) => gs.every((g) => b.groups.miss.has(g)));
}

/** True when the box constrains nothing. */
export function isTopBox(b: Box): boolean {
  return DIMENSIONS.every((d) => isAll(b.dims[d])) && b.groups.hit.length === 0 && b.groups.miss.size === 0;
}

/** The requests outside `b`, exactly, as a union of boxes each needing `level`. */
export function complementBox(b: Box, level: AuditLevel): Box[] {
  const out: Box[] = [];
  for (const d of DIMENSIONS) if (!isAll(b.dims[d])) out.push(boxOf(level, { [d]: complement(b.dims[d]) }));
  for (const gs of b.groups.hit) out.push(boxOf(level, {}, { hit: [], miss: new Set(gs) }));
  if (b.groups.miss.size > 0) out.push(boxOf(level, {}, { hit: [[...b.groups.miss]], miss: new Set() }));
  return out;
}

/** One box holding every request of `boxes` (per-dimension union; group constraints only where all agree). */
export function hull(boxes: readonly Box[]): Box {
  if (boxes.length === 0) throw new RangeError('hull of no boxes');
  const dims = {} as Record<Dimension, ValueSet>;
  for (const d of DIMENSIONS) dims[d] = boxes.map((b) => b.dims[d]).reduce((x, y) => union(x, y, 'over'));
  const miss = [...boxes[0]!.groups.miss].filter((g) => boxes.every((b) => b.groups.miss.has(g)));
  const level = boxes.map((b) => b.level).reduce(maxLevel);
  return { dims, groups: { hit: [], miss: new Set(miss) }, level };
}

/** Short text for people: the constrained dimensions, e.g. `verb={get,list} resource=secrets`. */
export function describeBox(b: Box): string {
  const parts = DIMENSIONS.filter((d) => !isAll(b.dims[d])).map((d) => `${d}=${describeValues(b.dims[d])}`);
  for (const gs of b.groups.hit) parts.push(`groups∋${gs.length === 1 ? gs[0] : `{${gs.join(',')}}`}`);
  if (b.groups.miss.size > 0) parts.push(`groups∌{${[...b.groups.miss].join(',')}}`);
  return parts.length > 0 ? parts.join(' ') : 'any request';
}
