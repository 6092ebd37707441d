import type { AuditLevel, AuditStage } from '../event/types.ts';
import { OTHER, representativeResources, type ResourcePoint } from './coverage-points.ts';
import { compareLevels, isLevel, unionStages } from './levels.ts';
import { resourcePatternMatches } from './match.ts';
import { ruleKind } from './rule-kind.ts';
import { ANYTHING, isPossible, only, restrict, type Condition, type Space } from './space.ts';
import type { Policy, PolicyRule } from './types.ts';
import { NAMELESS_VERBS, RESOURCE_VERBS } from './verbs.ts';

/** The requests a detection rule needs to see. Empty verbs or resources mean all of them. */
export interface RequestShape {
  verbs: readonly string[];
  resources: readonly { group?: string; resource: string; subresource?: string }[];
  namespaces?: readonly string[];
  users?: readonly string[];
}

/** The least any request of the shape is logged at, which rule decides it, and for which request. */
export interface CoverageResult {
  level: AuditLevel;
  omitStages: AuditStage[];
  /** 0-based index of the deciding rule; absent when no rule matches (the default None). */
  ruleIndex?: number;
  line?: number;
  example: { verb: string; group: string; resource: string; subresource?: string };
  /** False when the search hit its budget: then `level` is a lower bound. */
  exact: boolean;
}

// Paths explored per (verb, resource) before falling back to the conservative answer.
const NODE_BUDGET = 20_000;

/**
 * The minimum level any request of `shape` gets. Users, groups, namespaces and names the shape
 * leaves open range over every value: a rule limited to some users lowers the minimum only if
 * such a request can reach it past the earlier rules, which the search tracks exactly.
 */
export function policyLevelFor(policy: Policy, shape: RequestShape): CoverageResult {
  const verbs = shape.verbs.length > 0 ? shape.verbs : [...RESOURCE_VERBS];
  const points: ResourcePoint[] =
    shape.resources.length > 0
      ? shape.resources.map((r) => ({ group: r.group ?? '', resource: r.resource, subresource: r.subresource ?? '' }))
      : representativeResources(policy);
  let best: CoverageResult | undefined;
  for (const verb of verbs) {
    for (const point of points) {
      const found = searchPoint(policy, shape, verb, point);
      if (best === undefined || better(found, best)) best = found;
    }
  }
  return best!;
}

type Outcome = { rule?: PolicyRule };

function searchPoint(policy: Policy, shape: RequestShape, verb: string, point: ResourcePoint): CoverageResult {
  const conditions = policy.rules.map((rule) => conditionsFor(rule, verb, point));
  const outcomes: Outcome[] = [];
  let nodes = 0;
  let exact = true;
  const walk = (from: number, space: Space): void => {
    if (++nodes > NODE_BUDGET) {
      exact = false;
      return;
    }
    for (let i = from; i < policy.rules.length; i++) {
      const conds = conditions[i];
      if (conds === undefined) continue;
      if (isPossible(conds.reduce((s, c) => restrict(s, c, true), space))) outcomes.push({ rule: policy.rules[i]! });
      // The requests this rule does not take, split so the branches do not overlap.
      conds.forEach((c, k) => {
        const rest = conds.slice(0, k).reduce((s, held) => restrict(s, held, true), restrict(space, c, false));
        if (isPossible(rest)) walk(i + 1, rest);
      });
      return;
    }
    outcomes.push({});
  };
  walk(0, initialSpace(shape, verb, point));
  if (!exact) outcomes.push(...conservative(conditions, policy));
  return summarize(policy, outcomes, verb, point, exact);
}

// Without the search: every rule that could match before the first that always matches.
function conservative(conditions: readonly (Condition[] | undefined)[], policy: Policy): Outcome[] {
  const out: Outcome[] = [];
  for (let i = 0; i < conditions.length; i++) {
    if (conditions[i] === undefined) continue;
    out.push({ rule: policy.rules[i]! });
    if (conditions[i]!.length === 0) return out;
  }
  return [...out, {}];
}

function initialSpace(shape: RequestShape, verb: string, point: ResourcePoint): Space {
  // A create of a new object and a deletecollection have no name at policy time; get, update,
  // patch, delete and any subresource request always have one; list and watch may (fieldSelector).
  const nameless = NAMELESS_VERBS.has(verb) && !(verb === 'create' && point.subresource !== '');
  const alwaysNamed = !nameless && verb !== 'list' && verb !== 'watch';
  return {
    user: shape.users === undefined ? ANYTHING : only(shape.users),
    namespace: shape.namespaces === undefined ? ANYTHING : only(shape.namespaces),
    name: nameless ? only(['']) : alwaysNamed ? { except: new Set(['']) } : ANYTHING,
    groupsHit: [],
    groupsMiss: new Set(),
  };
}

/** What `rule` still has to test for a request of this verb and resource; undefined if it cannot match. */
function conditionsFor(rule: PolicyRule, verb: string, point: ResourcePoint): Condition[] | undefined {
  if (rule.verbs.length > 0 && !rule.verbs.includes(verb)) return undefined;
  const kind = ruleKind(rule);
  if (kind === 'nonResource') return undefined;
  const conds: Condition[] = [];
  if (rule.users.length > 0) conds.push({ dim: 'user', values: rule.users });
  if (rule.userGroups.length > 0) conds.push({ dim: 'groups', values: rule.userGroups });
  if (kind === 'any') return conds;
  if (rule.namespaces.length > 0) conds.push({ dim: 'namespace', values: rule.namespaces });
  if (rule.resources.length === 0) return conds;
  const names = namesFor(rule, point);
  if (names === undefined) return undefined;
  if (names !== 'any') conds.push({ dim: 'name', values: names });
  return conds;
}

/** Names the resources entries accept for this resource: 'any', a list, or undefined for no entry. */
function namesFor(rule: PolicyRule, p: ResourcePoint): 'any' | string[] | undefined {
  let names: string[] | undefined;
  for (const gr of rule.resources) {
    if (gr.group !== p.group) continue;
    if (gr.resources.length === 0) return 'any';
    if (!gr.resources.some((pat) => resourcePatternMatches(pat, p.resource, p.subresource))) continue;
    if (gr.resourceNames.length === 0) return 'any';
    names = [...(names ?? []), ...gr.resourceNames];
  }
  return names;
}

function summarize(policy: Policy, outcomes: readonly Outcome[], verb: string, p: ResourcePoint, exact: boolean): CoverageResult {
  const levelOf = (o: Outcome): AuditLevel => (o.rule === undefined ? 'None' : isLevel(o.rule.level) ? o.rule.level : 'None');
  // Lowest level; among equals an explicit rule (it explains itself) before the default, earliest first.
  const pick = [...outcomes].sort((a, b) => compareLevels(levelOf(a), levelOf(b)) || (a.rule?.index ?? Infinity) - (b.rule?.index ?? Infinity))[0]!;
  const example = { verb, group: p.group, resource: p.resource, ...(p.subresource === '' ? {} : { subresource: p.subresource }) };
  const result: CoverageResult = { level: levelOf(pick), omitStages: unionStages(policy.omitStages, pick.rule?.omitStages ?? []), example, exact };
  if (pick.rule !== undefined) Object.assign(result, { ruleIndex: pick.rule.index, line: pick.rule.pos.line });
  return result;
}

// Lower level first; at equal level keep the first found. Placeholder names never beat real ones.
function better(a: CoverageResult, b: CoverageResult): boolean {
  const byLevel = compareLevels(a.level, b.level);
  if (byLevel !== 0) return byLevel < 0;
  return isPlaceholder(b) && !isPlaceholder(a);
}

function isPlaceholder(r: CoverageResult): boolean {
  return Object.values(OTHER).some((o) => r.example.group === o || r.example.resource === o || r.example.subresource === o);
}
