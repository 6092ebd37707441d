// A condition approximated from both sides: `may` holds every request it can fire on, `must` only
// requests it surely fires on (as far as the policy's dimensions tell). NOT swaps them, which is why
// both are kept: the complement of an over-approximation is an under-approximation.

import type { AuditLevel } from '../../event/types.ts';
import { complementBox, hull, intersectBoxes, isEmptyBox, maxLevel, topBox, type Box } from './box.ts';
import { simplify } from './subsume.ts';
import type { Direction } from './value-set.ts';

export interface Approx {
  may: Box[];
  must: Box[];
  /** The highest level any field read anywhere in the expression needs. */
  level: AuditLevel;
}

/** Boxes kept per union before `may` collapses into one hull and `must` drops the rest. */
export const MAX_BOXES = 64;

/** A check nothing is known about: it may hold for any request, and surely holds for none. */
export function unknown(level: AuditLevel): Approx {
  return { may: [topBox(level)], must: [], level };
}

/** Both sides of a conjunction. */
export function and(parts: readonly Approx[]): Approx {
  const level = parts.map((p) => p.level).reduce(maxLevel, 'None');
  return {
    may: parts.map((p) => p.may).reduce((acc, next) => product(acc, next, 'over'), [topBox('None')]),
    must: parts.map((p) => p.must).reduce((acc, next) => product(acc, next, 'under'), [topBox('None')]),
    level,
  };
}

/** Both sides of a disjunction. */
export function or(parts: readonly Approx[]): Approx {
  return {
    may: cap(parts.flatMap((p) => p.may), 'over'),
    must: cap(parts.flatMap((p) => p.must), 'under'),
    level: parts.map((p) => p.level).reduce(maxLevel, 'None'),
  };
}

/**
 * Both sides of a negation. Every request it may fire on needs the level of every field of the
 * negated expression: with a body missing, the inner checks fail and the negation fires wrongly.
 */
export function not(inner: Approx): Approx {
  return { may: complementOf(inner.must, inner.level, 'over'), must: complementOf(inner.may, 'None', 'under'), level: inner.level };
}

// The requests in no box of `boxes`: the intersection of each box's complement.
function complementOf(boxes: readonly Box[], level: AuditLevel, dir: Direction): Box[] {
  return boxes.reduce((acc, b) => product(acc, complementBox(b, level), dir), [topBox(level)]);
}

// Pairwise intersections of two unions, without the empty ones.
function product(a: readonly Box[], b: readonly Box[], dir: Direction): Box[] {
  const out: Box[] = [];
  for (const x of a) for (const y of b) {
    const z = intersectBoxes(x, y, dir);
    if (!isEmptyBox(z)) out.push(z);
  }
  return cap(out, dir);
}

function cap(boxes: Box[], dir: Direction): Box[] {
  if (boxes.length <= MAX_BOXES) return boxes;
  const fewer = simplify(boxes);
  if (fewer.length <= MAX_BOXES) return fewer;
  return dir === 'over' ? [hull(fewer)] : fewer.slice(0, MAX_BOXES);
}
