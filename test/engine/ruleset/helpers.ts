import { Engine, loadRuleSources, type LoadResult } from '../../../shared/engine/index.ts';
import type { LoadOptions } from '../../../shared/engine/types.ts';
import type { CanonicalEvent } from '../../../shared/event/types.ts';
import { fakeFields } from '../fake-fields.ts';

/** Loads one rules text (or several, in order) with the fake registry. */
export function load(texts: string | string[], opts: LoadOptions = {}): LoadResult {
  const list = Array.isArray(texts) ? texts : [texts];
  return loadRuleSources(list.map((text, i) => ({ file: i === 0 ? 'rules.yaml' : `rules${i + 1}.yaml`, text })), fakeFields, opts);
}

/** A complete k8s_audit rule item; `more` adds YAML lines (indented by two). */
export function ruleYaml(name: string, condition: string, more: string[] = []): string {
  return [`- rule: ${name}`, `  desc: ${name} desc`, `  condition: ${condition}`, `  output: ${name} by %ka.user.name`, '  priority: WARNING', '  source: k8s_audit', ...more.map((l) => `  ${l}`), ''].join('\n');
}

/** The names of every rule matching the event. */
export function matching(res: LoadResult, ev: CanonicalEvent): string[] {
  return new Engine(res.rules, { matching: 'all' }).evaluate(ev).map((m) => m.rule.name);
}

/** Error codes with line:column, for compact assertions. */
export function errorsOf(res: LoadResult): string[] {
  return res.errors.map((e) => `${e.code}@${e.location.line}:${e.location.column}`);
}
