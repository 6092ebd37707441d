import type { AuditLevel } from '../../event/types.ts';
import { programOf } from '../program.ts';
import type { CompiledRule } from '../types.ts';
import { maxLevel, type Box } from './box.ts';
import { RuleAnalysisError } from './errors.ts';
import { fieldLevel } from './field-levels.ts';
import { simplify } from './subsume.ts';
import { Approximator, fieldsRead } from './walk.ts';

/**
 * What a rule needs from an audit policy to fire. Derived from the condition only: fields used
 * only in the output print <NA> when the policy drops them, but the rule still fires.
 */
export interface RuleNeeds {
  rule: string;
  file: string;
  line: number;
  /** For which kadet.provider, when analysed for one. */
  provider?: string;
  /** Every request the rule could fire on, as boxes; each box's level is at least `declared`. */
  boxes: Box[];
  /** The highest level a field of the condition needs. */
  derived: AuditLevel;
  /** `kadet: {level: …}` in the rule, when present and valid. */
  declared?: AuditLevel;
  /** What the policy must give: the higher of derived and declared. */
  level: AuditLevel;
  /** Condition fields that need more than Metadata, e.g. `ka.req.binding.role (Request)`. */
  bodyFields: string[];
}

const LEVELS: readonly string[] = ['None', 'Metadata', 'Request', 'RequestResponse'];

/** Options of the analysis. */
export interface NeedsOptions {
  /** Analyse for events of this kadet.provider only (then the boxes do not constrain provider). */
  provider?: string;
}

// One approximator per provider, so macros shared by rules are approximated once per provider.
const approximators = new Map<string, Approximator>();

/** The needs of one loaded rule; throws RuleAnalysisError for a rule the loader did not produce. */
export function ruleNeeds(rule: CompiledRule, opts: NeedsOptions = {}): RuleNeeds {
  const program = programOf(rule);
  if (program === undefined) throw new RuleAnalysisError(`rule '${rule.name}' has no compiled condition to analyse`, rule.name, rule.file, rule.line);
  const key = opts.provider ?? '';
  const approximator = approximators.get(key) ?? approximators.set(key, new Approximator(opts.provider)).get(key)!;
  const approx = approximator.approximate(program.condition);
  const declared = declaredLevel(rule);
  const floor = declared ?? 'None';
  const bodyFields = fieldsRead(program.condition)
    .map(([name, arg]) => ({ text: arg === undefined ? name : `${name}[${arg}]`, level: fieldLevel(name, arg) }))
    .filter((f) => f.level !== 'Metadata')
    .map((f) => `${f.text} (${f.level})`);
  // A rule that reads no field still fires only on events the policy writes: Metadata at least.
  const derived = maxLevel(approx.level, 'Metadata');
  return {
    rule: rule.name,
    file: rule.file,
    line: rule.line,
    ...(opts.provider === undefined ? {} : { provider: opts.provider }),
    boxes: simplify(approx.may).map((b) => ({ ...b, level: maxLevel(maxLevel(b.level, 'Metadata'), floor) })),
    derived,
    ...(declared === undefined ? {} : { declared }),
    level: maxLevel(derived, floor),
    bodyFields,
  };
}

/** The rule's `kadet.level`, when it is one of the four levels. */
export function declaredLevel(rule: CompiledRule): AuditLevel | undefined {
  const kadet = rule.extra['kadet'];
  if (typeof kadet !== 'object' || kadet === null || Array.isArray(kadet)) return undefined;
  const level = (kadet as Record<string, unknown>)['level'];
  return typeof level === 'string' && LEVELS.includes(level) ? (level as AuditLevel) : undefined;
}
