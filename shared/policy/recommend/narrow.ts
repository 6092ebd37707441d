import { contains, type Box } from '../../engine/analysis/index.ts';
import { canMatchBox } from '../box-match.ts';
import { candidatePaths, resourcePoints } from '../box-shape.ts';
import type { ResourcePoint } from '../coverage-points.ts';
import { pathMatches, resourcePatternMatches } from '../match.ts';
import type { Policy } from '../types.ts';
import { NON_RESOURCE_VERBS, RESOURCE_VERBS } from '../verbs.ts';
import type { DraftRule } from './draft.ts';
import { toPolicy, toPolicyRule } from './policy-rule.ts';

/** A box of requests some loaded rule can fire on, with that rule's name. */
export interface NamedBox {
  rule: string;
  box: Box;
}

/** One thing a None rule had to give up, and the rules that fire on it. */
export interface Removal {
  what: string;
  verbs: string[];
  rules: string[];
}

/** A noise rule after narrowing: what is left of it (possibly split by verbs) and what was removed. */
export interface Narrowed {
  original: DraftRule;
  rules: DraftRule[];
  removed: Removal[];
}

interface Prepared {
  rule: string;
  box: Box;
  points: Map<string, ResourcePoint[]>;
  paths: string[];
}

/**
 * Narrows each None rule to the (pattern, verb) pairs no box contains, so the rule hides no
 * request a loaded rule can fire on. Whole patterns are dropped only when every verb is taken;
 * patterns left with different verbs become separate rules.
 */
export function narrowNoise(noise: readonly DraftRule[], boxes: readonly NamedBox[]): Narrowed[] {
  const universe = toPolicy(noise);
  const prepared = boxes.map((b) => prepare(universe, b));
  return noise.map((n, i) => narrowOne(n, prepared.filter((p) => canMatchBox(toPolicyRule({ ...n, verbs: [] }, i), p.box))));
}

function prepare(universe: Policy, b: NamedBox): Prepared {
  const points = new Map<string, ResourcePoint[]>();
  for (const p of resourcePoints(universe, b.box)) points.set(p.group, [...(points.get(p.group) ?? []), p]);
  const paths = contains(b.box.dims.resource, undefined) ? candidatePaths(universe, b.box) : [];
  return { ...b, points, paths };
}

function narrowOne(n: DraftRule, boxes: readonly Prepared[]): Narrowed {
  const removed: Removal[] = [];
  // Each pattern (or URL) with the verbs it keeps, in order.
  const kept: { group?: string; pattern: string; verbs: string[] }[] = [];
  const consider = (what: string, group: string | undefined, pattern: string, verbs: readonly string[], hits: (p: Prepared) => boolean): void => {
    const blockers = new Map<string, Set<string>>();
    for (const verb of verbs) {
      const rules = boxes.filter((p) => contains(p.box.dims.verb, verb) && hits(p)).map((p) => p.rule);
      if (rules.length > 0) blockers.set(verb, new Set(rules));
    }
    const left = verbs.filter((v) => !blockers.has(v));
    if (left.length > 0) kept.push({ ...(group === undefined ? {} : { group }), pattern, verbs: left });
    if (blockers.size > 0) removed.push({ what, verbs: [...blockers.keys()], rules: [...new Set([...blockers.values()].flatMap((s) => [...s]))] });
  };
  for (const entry of n.resources ?? []) {
    for (const pattern of entry.resources) {
      const what = entry.group === '' ? pattern : `${pattern} (${entry.group})`;
      const hits = (p: Prepared): boolean => (p.points.get(entry.group) ?? []).some((pt) => resourcePatternMatches(pattern, pt.resource, pt.subresource));
      consider(what, entry.group, pattern, n.verbs ?? [...RESOURCE_VERBS], hits);
    }
  }
  for (const url of n.nonResourceURLs ?? []) {
    consider(url, undefined, url, n.verbs ?? [...NON_RESOURCE_VERBS], (p) => p.paths.some((path) => pathMatches(path, url)));
  }
  return { original: n, rules: regroup(n, kept), removed };
}

// Patterns sharing the same kept verbs become one rule; the verbs stay implicit when all are kept.
function regroup(n: DraftRule, kept: readonly { group?: string; pattern: string; verbs: string[] }[]): DraftRule[] {
  const byVerbs = new Map<string, typeof kept>();
  for (const k of kept) byVerbs.set(k.verbs.join(','), [...(byVerbs.get(k.verbs.join(',')) ?? []), k]);
  return [...byVerbs.values()].map((group) => {
    const verbs = group[0]!.verbs;
    const { verbs: _all, resources: _r, nonResourceURLs: _u, ...rest } = n;
    const out: DraftRule = { ...rest, ...(n.verbs === undefined && verbs.length === allVerbs(n).length ? {} : { verbs }) };
    const urls = group.filter((k) => k.group === undefined).map((k) => k.pattern);
    if (urls.length > 0) out.nonResourceURLs = urls;
    const groups = [...new Set(group.filter((k) => k.group !== undefined).map((k) => k.group!))];
    if (groups.length > 0) out.resources = groups.map((g) => ({ group: g, resources: group.filter((k) => k.group === g).map((k) => k.pattern) }));
    return out;
  });
}

function allVerbs(n: DraftRule): string[] {
  return n.nonResourceURLs !== undefined ? [...NON_RESOURCE_VERBS] : [...RESOURCE_VERBS];
}
