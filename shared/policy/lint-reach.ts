import { diagnostic, type Diagnostic } from './diagnostic.ts';
import { ruleContains } from './contains.ts';
import { neverMatchesReason } from './reach.ts';
import type { Policy } from './types.ts';

/** never-matches for dead rules; shadowed-rule for rules an earlier rule always wins over. */
export function lintReachability(policy: Policy): Diagnostic[] {
  const out: Diagnostic[] = [];
  const live = policy.rules.filter((rule) => {
    const reason = neverMatchesReason(rule);
    if (reason !== undefined) out.push(diagnostic('warning', 'never-matches', policy.file, rule.pos, `rules[${rule.index}]`, `this rule can never match: ${reason}`));
    return reason === undefined;
  });
  live.forEach((rule, j) => {
    const earlier = live.slice(0, j).find((e) => ruleContains(e, rule));
    if (earlier === undefined) return;
    const outcome =
      earlier.level === rule.level
        ? `it is redundant (same level ${rule.level})`
        : `its level ${rule.level || '(none)'} never applies; they get ${earlier.level || '(none)'}`;
    const by = `rule #${earlier.index} (line ${earlier.pos.line})`;
    const message = `rule #${rule.index} is shadowed by ${by}, which matches every request this one matches and comes first: ${outcome}`;
    out.push(diagnostic('warning', 'shadowed-rule', policy.file, rule.pos, `rules[${rule.index}]`, message));
  });
  return out;
}
