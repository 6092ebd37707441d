import { boxOf, contains, describeBox, restrictBoxes, valuesOf, type Box, type RuleNeeds } from '../engine/analysis/index.ts';
import type { AuditLevel } from '../event/types.ts';
import { policyForBox } from './box-match.ts';
import { shapesOf } from './box-shape.ts';
import { policyLevelFor } from './coverage.ts';
import { OTHER } from './coverage-points.ts';
import { pathLevelFor } from './coverage-paths.ts';
import { compareLevels, STAGES } from './levels.ts';
import { stageView } from './stage-view.ts';
import type { Policy } from './types.ts';

/** Why a rule is blind: its requests are not written, written below the level it needs, or only at stages the policy omits. */
export type BlindReason = 'not-logged' | 'level' | 'stage';

/** Whether a policy lets one rule fire, and if not, on which request and because of which policy rule. */
export interface RuleCoverage {
  rule: string;
  file: string;
  line: number;
  /** The level the rule needs (the highest of its request boxes). */
  needs: AuditLevel;
  /** The least the policy gives any request the rule could fire on. */
  gives: AuditLevel;
  /** `n/a` when the rule cannot fire on this provider's events at all. */
  verdict: 'sighted' | 'blind' | 'n/a';
  reason?: BlindReason;
  /** The request where the verdict is decided, e.g. `get secrets` or `get /healthz`. */
  request?: string;
  /** The requests that request stands for (the rule's box). */
  requests?: string;
  /** The policy rule deciding that request; absent when no rule matches (the default None) or the policy's omitStages decides. */
  policyRule?: { index: number; line: number };
  /** Line of the policy's own omitStages when that is what drops the rule's stages. */
  omitStagesLine?: number;
  /** False when a search was inexact: the policy may give more than `gives`. */
  exact: boolean;
}

/** Options of a coverage check. */
export interface CoverageOptions {
  /** The kadet.provider of the cluster running the policy (default onprem: a policy file is for a self-managed apiserver). */
  provider?: string;
}

interface BoxResult {
  box: Box;
  level: AuditLevel;
  request: string;
  ruleIndex?: number;
  line?: number;
  exact: boolean;
  reason?: BlindReason;
  /** The policy-wide omitStages drops every stage the box fires at. */
  policyOmits?: boolean;
}

/** The coverage of one rule under a policy. */
export function ruleCoverage(policy: Policy, needs: RuleNeeds, opts: CoverageOptions = {}): RuleCoverage {
  const base = { rule: needs.rule, file: needs.file, line: needs.line, needs: needs.level };
  const boxes = restrictBoxes(needs.boxes, boxOf('None', { provider: valuesOf([opts.provider ?? 'onprem']) }));
  const results = boxes.map((b) => boxResult(policy, b)).filter((r): r is BoxResult => r !== undefined);
  if (results.length === 0) return { ...base, gives: 'None', verdict: 'n/a', exact: true };
  const worst = results.find((r) => r.reason !== undefined && r.reason !== 'level') ?? results.find((r) => r.reason !== undefined);
  const lowest = [...results].sort((a, b) => compareLevels(a.level, b.level))[0]!;
  const pick = worst ?? lowest;
  const out: RuleCoverage = {
    ...base,
    gives: lowest.level,
    verdict: worst === undefined ? 'sighted' : 'blind',
    request: pick.request,
    requests: describeBox(pick.box),
    exact: results.every((r) => r.exact),
  };
  if (worst?.reason !== undefined) out.reason = worst.reason;
  if (pick.policyOmits === true) out.omitStagesLine = (policy.keys['omitStages'] ?? policy.pos).line;
  else if (pick.ruleIndex !== undefined) out.policyRule = { index: pick.ruleIndex, line: pick.line! };
  return out;
}

// The lowest level over the box's resource and non-resource requests, and what it means for the box.
function boxResult(policy: Policy, box: Box): BoxResult | undefined {
  const stages = STAGES.filter((s) => contains(box.dims.stage, s));
  if (stages.length === 0) return undefined;
  const relevant = policyForBox(policy, box);
  const viewed = stageView(relevant, stages);
  const shapes = shapesOf(relevant, box);
  const found: Omit<BoxResult, 'box' | 'reason'>[] = [];
  if (shapes.resource !== undefined) {
    const r = policyLevelFor(viewed, shapes.resource);
    found.push({ level: r.level, request: resourceRequest(r.example), ...ruleOf(r), exact: r.exact });
  }
  if (shapes.nonResource !== undefined) {
    const r = pathLevelFor(viewed, shapes.nonResource);
    found.push({ level: r.level, request: `${r.example.verb} ${r.example.path.replace(/\uffff/g, '…')}`, ...ruleOf(r), exact: r.exact });
  }
  const least = found.sort((a, b) => compareLevels(a.level, b.level))[0];
  if (least === undefined) return undefined;
  const result: BoxResult = { box, ...least };
  if (least.level === 'None') {
    const original = least.ruleIndex === undefined ? undefined : policy.rules.find((r) => r.index === least.ruleIndex);
    const omittedByPolicy = stages.every((s) => policy.omitStages.includes(s));
    result.reason = omittedByPolicy || (original !== undefined && original.level !== 'None') ? 'stage' : 'not-logged';
    if (omittedByPolicy) result.policyOmits = true;
  } else if (compareLevels(least.level, box.level) < 0) {
    result.reason = 'level';
  }
  return result;
}

function ruleOf(r: { ruleIndex?: number; line?: number }): { ruleIndex?: number; line?: number } {
  return r.ruleIndex === undefined ? {} : { ruleIndex: r.ruleIndex, line: r.line! };
}

function resourceRequest(e: { verb: string; group: string; resource: string; subresource?: string }): string {
  const name = (s: string): string => (s === OTHER.resource ? '<any resource>' : s === OTHER.subresource ? '<any subresource>' : s);
  const group = e.group === '' ? '' : e.group === OTHER.group ? '.<any group>' : `.${e.group}`;
  return `${e.verb} ${name(e.resource)}${e.subresource ? `/${name(e.subresource)}` : ''}${group}`;
}
