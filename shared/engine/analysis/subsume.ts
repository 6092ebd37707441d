import { DIMENSIONS, intersectBoxes, isEmptyBox, type Box } from './box.ts';
import { complement, intersect, isEmpty, type ValueSet } from './value-set.ts';

const LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'];

/** Whether every request of `a` is in `b` (proved: an over-approximation of a \ b is empty). */
export function boxWithin(a: Box, b: Box): boolean {
  const within = (x: ValueSet, y: ValueSet): boolean => isEmpty(intersect(x, complement(y), 'over'));
  if (!DIMENSIONS.every((d) => within(a.dims[d], b.dims[d]))) return false;
  // b's group demands must be implied by a's: each hit of b contains a hit of a; b's misses are a's.
  const hitsImplied = b.groups.hit.every((bs) => a.groups.hit.some((as) => as.every((g) => bs.includes(g))));
  return hitsImplied && [...b.groups.miss].every((g) => a.groups.miss.has(g));
}

/** The union without boxes another box already holds at the same or a higher level; order kept. */
export function simplify(boxes: readonly Box[]): Box[] {
  const kept: Box[] = [];
  boxes.forEach((a, i) => {
    const covered = boxes.some((b, j) => j !== i && LEVELS.indexOf(b.level) >= LEVELS.indexOf(a.level) && boxWithin(a, b) && (!boxWithin(b, a) || b.level !== a.level || j < i));
    if (!covered) kept.push(a);
  });
  return kept;
}

/** The boxes narrowed to the requests of `to` (give it level None to keep theirs), empty ones dropped. */
export function restrictBoxes(boxes: readonly Box[], to: Box): Box[] {
  return simplify(boxes.map((b) => intersectBoxes(b, to, 'over')).filter((b) => !isEmptyBox(b)));
}
