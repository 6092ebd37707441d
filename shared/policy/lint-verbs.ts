import { diagnostic, type Diagnostic } from './diagnostic.ts';
import { ruleKind } from './rule-kind.ts';
import { closest } from './suggest.ts';
import type { Policy, PolicyRule } from './types.ts';
import { NON_RESOURCE_VERBS, RESOURCE_VERBS, VERB_COUNTERPART } from './verbs.ts';

/** Why `verb` never occurs on the requests this rule can match, or undefined when it can. */
export function verbProblem(rule: PolicyRule, verb: string): { code: string; message: string } | undefined {
  if (verb.trim() === '' || verb.includes('*')) return undefined; // reported as blank / wildcard
  const kind = ruleKind(rule);
  const possible = kind === 'resource' ? RESOURCE_VERBS : kind === 'nonResource' ? NON_RESOURCE_VERBS : new Set([...RESOURCE_VERBS, ...NON_RESOURCE_VERBS]);
  if (possible.has(verb)) return undefined;
  const other = kind === 'resource' ? NON_RESOURCE_VERBS : RESOURCE_VERBS;
  if (kind !== 'any' && other.has(verb)) {
    const counterpart = VERB_COUNTERPART[verb];
    const what = kind === 'resource' ? 'resource requests, which use Kubernetes verbs' : 'non-resource URLs, which use the lowercase HTTP method';
    return { code: 'impossible-verb', message: `"${verb}" never occurs on ${what}${counterpart === undefined ? '' : `: did you mean "${counterpart}"?`}` };
  }
  const guess = closest(verb, [...possible]);
  return { code: 'unknown-verb', message: `"${verb}" is not a verb kube-apiserver uses${guess === undefined ? '' : `: did you mean "${guess}"?`}` };
}

/** impossible-verb and unknown-verb warnings, one per verb. */
export function lintVerbs(policy: Policy): Diagnostic[] {
  return policy.rules.flatMap((rule) =>
    rule.verbs.flatMap((verb, i) => {
      const p = verbProblem(rule, verb);
      const pos = rule.values[`verbs[${i}]`] ?? rule.pos;
      return p === undefined ? [] : [diagnostic('warning', p.code, policy.file, pos, `rules[${rule.index}].verbs[${i}]`, p.message)];
    }),
  );
}
