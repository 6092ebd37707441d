import { contains, finiteMembers, holdsUnnamed, type Box, type ValueSet } from '../engine/analysis/index.ts';
import type { RequestShape } from './coverage.ts';
import { OTHER, representativeResources, type ResourcePoint } from './coverage-points.ts';
import { groupsHaving } from './known-resources.ts';
import type { Policy } from './types.ts';
import { NON_RESOURCE_VERBS, RESOURCE_VERBS } from './verbs.ts';

// A box of requests (from a rule's condition) as the request shapes the policy searches take:
// concrete verbs, resources and paths that stand for every class of requests the policy can tell
// apart, filtered to those in the box.

/** Stand-in for "any other path"; U+FFFF sorts after every real character, so no prefix hides it. */
const OTHER_TAIL = '\uffff';

/** Requests of a box: resource requests as a RequestShape, non-resource ones as verbs and paths. */
export interface BoxShapes {
  resource?: RequestShape;
  nonResource?: { verbs: string[]; paths: string[]; users?: string[] };
}

const isPlaceholder = (v: string): boolean => (Object.values(OTHER) as string[]).includes(v);

// In the set, reading a placeholder as "some value the policy does not name".
function admits(set: ValueSet, v: string): boolean {
  return isPlaceholder(v) ? holdsUnnamed(set) : contains(set, v);
}

/** The box's resource and non-resource requests, each undefined when the box has none. */
export function shapesOf(policy: Policy, box: Box): BoxShapes {
  const out: BoxShapes = {};
  const users = finiteMembers(box.dims.user);
  const userList = users !== undefined && !users.absent && users.values.length > 0 ? { users: users.values } : {};
  // Verbs the rule names are taken as written (impersonate, escalate…) but for HTTP methods only
  // non-resource requests carry (post, put…); an open verb set is every resource verb.
  const httpOnly = (v: string): boolean => NON_RESOURCE_VERBS.has(v) && !RESOURCE_VERBS.has(v);
  const resourceVerbs = finiteMembers(box.dims.verb)?.values.filter((v) => !httpOnly(v)) ?? [...RESOURCE_VERBS].filter((v) => contains(box.dims.verb, v));
  const points = resourcePoints(policy, box);
  if (resourceVerbs.length > 0 && points.length > 0) {
    const ns = finiteMembers(box.dims.namespace);
    const namespaces = ns === undefined ? {} : { namespaces: [...ns.values, ...(ns.absent ? [''] : [])] };
    const resources = points.map((p) => ({ group: p.group, resource: p.resource, ...(p.subresource === '' ? {} : { subresource: p.subresource }) }));
    out.resource = { verbs: resourceVerbs, resources, ...namespaces, ...userList };
  }
  const pathVerbs = [...NON_RESOURCE_VERBS].filter((v) => contains(box.dims.verb, v));
  const paths = contains(box.dims.resource, undefined) ? candidatePaths(policy, box) : [];
  if (pathVerbs.length > 0 && paths.length > 0) out.nonResource = { verbs: pathVerbs, paths, ...userList };
  return out;
}

/** Concrete resources standing for every class of the box's resource requests. */
export function resourcePoints(policy: Policy, box: Box): ResourcePoint[] {
  const byGroup = new Map<string, { resources: Set<string>; subresources: Set<string> }>();
  for (const p of representativeResources(policy)) {
    const e = byGroup.get(p.group) ?? byGroup.set(p.group, { resources: new Set(), subresources: new Set() }).get(p.group)!;
    e.resources.add(p.resource);
    e.subresources.add(p.subresource);
  }
  const { group, resource, subresource } = box.dims;
  const named = finiteMembers(resource)?.values;
  // A built-in resource is in its own groups; any other may be in any group.
  const inferred = named?.every((r) => groupsHaving(r).length > 0) ? new Set(named.flatMap(groupsHaving)) : undefined;
  const groupNames = finiteMembers(group);
  const groups = groupNames
    ? [...groupNames.values, ...(groupNames.absent ? [''] : [])]
    : [...new Set([...byGroup.keys(), ...(inferred ?? [])])].filter((g) => (inferred ? inferred.has(g) : g === '' ? contains(group, undefined) || contains(group, '') : admits(group, g)));
  const subNames = finiteMembers(subresource);
  const points: ResourcePoint[] = [];
  for (const g of [...new Set(groups)]) {
    const rep = byGroup.get(g) ?? byGroup.get(OTHER.group)!;
    const resources = named ? named.filter((r) => groupNames !== undefined || inferred === undefined || groupsHaving(r).includes(g)) : [...rep.resources].filter((r) => admits(resource, r));
    const subs = subNames ? [...subNames.values, ...(subNames.absent ? [''] : [])] : [...rep.subresources].filter((s) => (s === '' ? contains(subresource, undefined) : admits(subresource, s)));
    for (const r of resources) for (const s of subs) points.push({ group: g, resource: r, subresource: s });
  }
  return points;
}

/** Paths standing for every class of non-resource request the policy and the box tell apart. */
export function candidatePaths(policy: Policy, box: Box): string[] {
  const paths = new Set<string>([`/${OTHER_TAIL}`]);
  const addPrefix = (base: string): void => void [base, base + OTHER_TAIL].forEach((p) => paths.add(p));
  for (const spec of policy.rules.flatMap((r) => r.nonResourceURLs)) {
    if (spec === '*') continue;
    if (spec.endsWith('*')) addPrefix(spec.replace(/\*+$/, ''));
    else paths.add(spec);
  }
  const uri = box.dims.uri;
  for (const v of uri.values) paths.add(v.split('?', 1)[0]!);
  for (const p of uri.prefixes) addPrefix(p.split('?', 1)[0]!);
  // A path is in the box when the request URI is that path, with or without a query string.
  return [...paths].filter((p) => contains(uri, p) || contains(uri, `${p}?${OTHER_TAIL}`)).sort();
}
