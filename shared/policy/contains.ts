import { classifyPattern, patternCovers } from './pattern.ts';
import { ruleKind } from './rule-kind.ts';
import type { GroupResources, PolicyRule } from './types.ts';

// Whether every request one rule matches is also matched by another. Sound and conservative:
// true only when each dimension of `outer` is unrestricted or a superset of `inner`'s.

/** True when `outer` matches every request `inner` matches. */
export function ruleContains(outer: PolicyRule, inner: PolicyRule): boolean {
  return (
    listContains(outer.users, inner.users) &&
    listContains(outer.userGroups, inner.userGroups) &&
    listContains(outer.verbs, inner.verbs) &&
    targetContains(outer, inner)
  );
}

/** An empty list is no restriction; otherwise every value `inner` allows must be allowed by `outer`. */
function listContains(outer: readonly string[], inner: readonly string[]): boolean {
  return outer.length === 0 || (inner.length > 0 && inner.every((v) => outer.includes(v)));
}

/** The resource / non-resource part: namespaces, resources, nonResourceURLs. */
function targetContains(outer: PolicyRule, inner: PolicyRule): boolean {
  const o = ruleKind(outer);
  const i = ruleKind(inner);
  if (o === 'any') return true;
  if (o !== i) return false;
  if (o === 'nonResource') return inner.nonResourceURLs.every((p) => outer.nonResourceURLs.some((q) => urlCovers(q, p)));
  if (!listContains(outer.namespaces, inner.namespaces)) return false;
  if (outer.resources.length === 0) return true;
  if (inner.resources.length === 0) return false;
  return inner.resources.every((gr) => entryCovered(outer.resources, gr));
}

/** A URL spec's matches are within another's: `*`, equal, or under its prefix. */
function urlCovers(outer: string, inner: string): boolean {
  if (outer === '*' || outer === inner) return true;
  return outer.endsWith('*') && inner !== '*' && inner.startsWith(outer.replace(/\*+$/, ''));
}

/** Each pattern of `inner` (a union) must be covered by some entry of `outer` of the same group. */
function entryCovered(outer: readonly GroupResources[], inner: GroupResources): boolean {
  const sameGroup = outer.filter((gr) => gr.group === inner.group);
  // An entry without resources matches its whole group, whatever its resourceNames say.
  if (sameGroup.some((gr) => gr.resources.length === 0)) return true;
  if (inner.resources.length === 0) return false;
  return inner.resources.every((p) =>
    sameGroup.some((gr) => namesContain(gr, inner) && gr.resources.some((q) => patternCovers(classifyPattern(q), classifyPattern(p)))),
  );
}

function namesContain(outer: GroupResources, inner: GroupResources): boolean {
  return listContains(outer.resourceNames, inner.resourceNames);
}
