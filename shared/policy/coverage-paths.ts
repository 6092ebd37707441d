import type { AuditLevel, AuditStage } from '../event/types.ts';
import { compareLevels, isLevel, unionStages } from './levels.ts';
import { pathMatches } from './match.ts';
import { ruleKind } from './rule-kind.ts';
import type { Policy, PolicyRule } from './types.ts';

/** Non-resource requests (/healthz, /metrics, /version…): HTTP verbs, concrete paths, optionally users. */
export interface PathShape {
  verbs: readonly string[];
  paths: readonly string[];
  users?: readonly string[];
}

/** The least any request of the shape is logged at, as CoverageResult says it for resources. */
export interface PathCoverageResult {
  level: AuditLevel;
  omitStages: AuditStage[];
  ruleIndex?: number;
  line?: number;
  example: { verb: string; path: string };
  /** False when a rule limited to users or groups was counted as matching: then `level` may be too low. */
  exact: boolean;
}

/**
 * The minimum level of the shape's requests. A rule limited to users or groups is counted as
 * matching some request and the walk goes on past it, so the answer never claims more logging
 * than the policy gives (users and groups are not tracked across rules as for resources).
 */
export function pathLevelFor(policy: Policy, shape: PathShape): PathCoverageResult {
  let best: PathCoverageResult | undefined;
  for (const verb of shape.verbs) {
    for (const path of shape.paths) {
      const found = walk(policy, shape, verb, path);
      if (best === undefined || compareLevels(found.level, best.level) < 0) best = found;
    }
  }
  if (best === undefined) throw new RangeError('pathLevelFor needs at least one verb and one path');
  return best;
}

function walk(policy: Policy, shape: PathShape, verb: string, path: string): PathCoverageResult {
  const candidates: PolicyRule[] = [];
  let decided = false;
  for (const rule of policy.rules) {
    if (!matchesPath(rule, verb, path)) continue;
    if (shape.users !== undefined && rule.users.length > 0 && !rule.users.some((u) => shape.users!.includes(u))) continue;
    candidates.push(rule);
    const everyUser = rule.userGroups.length === 0 && (rule.users.length === 0 || (shape.users?.every((u) => rule.users.includes(u)) ?? false));
    if (everyUser) {
      decided = true;
      break;
    }
  }
  const levelOf = (r: PolicyRule): AuditLevel => (isLevel(r.level) ? r.level : 'None');
  const lowest = [...candidates].sort((a, b) => compareLevels(levelOf(a), levelOf(b)) || a.index - b.index)[0];
  const example = { verb, path };
  // Exact when no rule limited to users or groups was counted: one rule decides, or none does.
  const exact = candidates.length === (decided ? 1 : 0);
  if (lowest === undefined || (!decided && compareLevels('None', levelOf(lowest)) < 0)) {
    // Some request passes every rule: the default None.
    return { level: 'None', omitStages: unionStages(policy.omitStages), example, exact };
  }
  return { level: levelOf(lowest), omitStages: unionStages(policy.omitStages, lowest.omitStages), ruleIndex: lowest.index, line: lowest.pos.line, example, exact };
}

function matchesPath(rule: PolicyRule, verb: string, path: string): boolean {
  if (rule.verbs.length > 0 && !rule.verbs.includes(verb)) return false;
  const kind = ruleKind(rule);
  if (kind === 'resource') return false;
  return kind === 'any' || rule.nonResourceURLs.some((spec) => pathMatches(path, spec));
}
