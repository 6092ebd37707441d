import { boxOf, contains, restrictBoxes, valuesOf, type RuleNeeds } from '../../engine/analysis/index.ts';
import type { AuditStage } from '../../event/types.ts';
import { lintPolicy } from '../lint.ts';
import { STAGES } from '../levels.ts';
import { parsePolicy } from '../parse.ts';
import { rulesetCoverage, type RulesetCoverage } from '../ruleset-coverage.ts';
import type { Draft, DraftRule } from './draft.ts';
import { emitDraft } from './emit.ts';
import { RecommendError } from './errors.ts';
import { narrowNoise, type NamedBox, type Narrowed } from './narrow.ts';
import { neededRules } from './needed.ts';
import { noiseRules } from './template.ts';
import { listNames } from './wording.ts';

/** Options of recommend. */
export interface RecommendOptions {
  /** kadet.provider of the cluster the policy is for (default onprem). */
  provider?: string;
  /** Rules allowed to go blind where the noise rules hide what they could fire on. */
  acceptBlind?: readonly string[];
  /** More None candidates (from a recorded log), narrowed like the template's. */
  extraNoise?: readonly DraftRule[];
  /** Lines for the header comment (e.g. what a recorded log showed). */
  header?: readonly string[];
}

/** The recommended policy, how its noise rules were narrowed, and its coverage of the rules. */
export interface Recommendation {
  yaml: string;
  draft: Draft;
  narrowed: Narrowed[];
  coverage: RulesetCoverage;
}

const CATCH_ALL: DraftRule = {
  level: 'Metadata',
  kind: 'catch-all',
  why: 'Everything else at Metadata: who did what to which object, from where, and the answer. That is what most rules read; request and response bodies only where a rule above needs them.',
};

/** Drafts a policy that keeps every rule sighted (checked: it passes lint and coverage, or this throws RecommendError). */
export function recommendPolicy(needs: readonly RuleNeeds[], opts: RecommendOptions = {}): Recommendation {
  const provider = boxOf('None', { provider: valuesOf([opts.provider ?? 'onprem']) });
  const boxes: NamedBox[] = needs.flatMap((n) => restrictBoxes(n.boxes, provider).map((box) => ({ rule: n.rule, box })));
  const accepted = new Set(opts.acceptBlind ?? []);
  const narrowed = narrowNoise([...noiseRules(), ...(opts.extraNoise ?? [])], boxes.filter((b) => !accepted.has(b.rule)));
  const hidden = accepted.size === 0 ? [] : narrowNoise(narrowed.flatMap((n) => n.rules), boxes.filter((b) => accepted.has(b.rule)));
  const noise = narrowed.flatMap((n) => n.rules.map((r) => ({ ...r, why: explain(r.why, n) })));
  noise.forEach((r, i) => {
    const names = [...new Set(hidden[i]?.removed.flatMap((x) => x.rules) ?? [])];
    if (names.length > 0) r.why += ` Hides requests from accepted blind rules: ${listNames(names)}.`;
  });
  const draft: Draft = { header: header(narrowed, opts), ...stagesFor(boxes), rules: [...noise, ...neededRules(boxes), CATCH_ALL] };
  const yaml = emitDraft(draft);
  return { yaml, draft, narrowed, coverage: verify(yaml, needs, opts) };
}

// RequestReceived duplicates every request's metadata; omitted unless some rule fires only there.
function stagesFor(boxes: readonly NamedBox[]): Pick<Draft, 'omitStages' | 'omitStagesWhy'> {
  const onlyReceived = boxes.filter((b) => STAGES.every((s) => (s === 'RequestReceived') === contains(b.box.dims.stage, s)));
  if (onlyReceived.length > 0) {
    return { omitStages: [], omitStagesWhy: `Every stage is kept: ${listNames([...new Set(onlyReceived.map((b) => b.rule))])} fire on RequestReceived events.` };
  }
  const omit: AuditStage[] = ['RequestReceived'];
  return { omitStages: omit, omitStagesWhy: 'RequestReceived repeats what ResponseComplete (or ResponseStarted) says a moment later; no rule fires on it.' };
}

function explain(why: string, n: Narrowed): string {
  if (n.removed.length === 0) return why;
  const parts = n.removed.map((r) => `${r.what} (${r.verbs.join(', ')}: ${listNames(r.rules, 2)})`);
  return `${why} Left logged because rules fire on them: ${parts.join('; ')}.`;
}

function header(narrowed: readonly Narrowed[], opts: RecommendOptions): string[] {
  const lines = [
    'Audit policy recommended by `kadet policy recommend` for the loaded rules: every rule sees each request it can fire on, at the level it reads, and the usual noise is not logged.',
    'Rules are evaluated top to bottom; the first that matches decides.',
    ...(opts.header ?? []),
  ];
  const gone = narrowed.filter((n) => n.rules.length === 0);
  if (gone.length > 0) {
    lines.push('Noise kept because rules can fire on it (use --accept-blind RULE to trade):');
    for (const n of gone) lines.push(`- ${n.original.why} Needed by ${listNames([...new Set(n.removed.flatMap((r) => r.rules))], 3)}.`);
  }
  return lines;
}

// The draft must be a policy the apiserver loads and that blinds no rule that was not accepted.
function verify(yaml: string, needs: readonly RuleNeeds[], opts: RecommendOptions): RulesetCoverage {
  const errors = lintPolicy(yaml, '<recommended>').filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new RecommendError('the recommended policy does not lint', errors.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`));
  const coverage = rulesetCoverage(parsePolicy(yaml, '<recommended>').policy, needs, { ...opts });
  const blind = coverage.rules.filter((r) => r.verdict === 'blind' && !('accepted' in r));
  if (blind.length > 0) throw new RecommendError('the recommended policy blinds rules', blind.map((r) => `${r.rule}: ${r.reason} on ${r.request} (policy rule ${r.policyRule?.index ?? '-'})`));
  return coverage;
}
