import { describeBox, ruleNeeds, type RuleNeeds } from '../../shared/engine/analysis/index.ts';
import { fieldRegistry } from '../../shared/engine/fields/index.ts';
import { loadRuleSources, type CompiledRule } from '../../shared/engine/index.ts';

/** A k8s_audit rule item; `more` adds YAML lines (indented by two). */
export function ruleYaml(name: string, condition: string, more: string[] = []): string {
  return [`- rule: ${name}`, `  desc: ${name}`, `  condition: ${condition}`, `  output: ${name} (user=%ka.user.name)`, '  priority: WARNING', '  source: k8s_audit', ...more.map((l) => `  ${l}`), ''].join('\n');
}

/** Loads rules text with the real field registry; fails the test on any load error. */
export function loadRules(text: string): CompiledRule[] {
  const res = loadRuleSources([{ file: 'rules.yaml', text }], fieldRegistry);
  if (res.errors.length > 0) throw new Error(res.errors.map((e) => e.format()).join('\n'));
  return res.rules;
}

/** The needs of the rule named `name` (default: the last rule) in `text`. */
export function needsOf(text: string, name?: string, provider?: string): RuleNeeds {
  const rules = loadRules(text);
  const rule = name === undefined ? rules.at(-1)! : rules.find((r) => r.name === name)!;
  return ruleNeeds(rule, provider === undefined ? {} : { provider });
}

/** The boxes of a condition as text, for compact assertions. */
export function boxesOf(condition: string, prelude = '', provider?: string): string[] {
  return needsOf(prelude + ruleYaml('R', condition), 'R', provider).boxes.map(describeBox);
}
