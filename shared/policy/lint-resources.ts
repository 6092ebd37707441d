import { diagnostic, type Diagnostic } from './diagnostic.ts';
import { groupsHaving, isBuiltInGroup, resourcesOf } from './known-resources.ts';
import { classifyPattern } from './pattern.ts';
import { namesProblem, patternProblem } from './reach.ts';
import { closest } from './suggest.ts';
import type { GroupResources, Policy } from './types.ts';

interface Problem {
  code: string;
  message: string;
}

/** resource-never-matches, resource-group-mismatch, unknown-resource and resource-names-unreachable warnings. */
export function lintResources(policy: Policy): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of policy.rules) {
    rule.resources.forEach((gr, i) => {
      const path = `rules[${rule.index}].resources[${i}]`;
      const warn = (key: string, p: Problem): void => {
        out.push(diagnostic('warning', p.code, policy.file, gr.values[key] ?? gr.pos, `${path}.${key}`, p.message));
      };
      gr.resources.forEach((pattern, j) => {
        const never = patternProblem(rule, gr, pattern);
        const problem = never === undefined ? groupProblem(gr, pattern) : { code: 'resource-never-matches', message: never };
        if (problem !== undefined) warn(`resources[${j}]`, problem);
      });
      const names = namesProblem(rule, gr);
      if (names !== undefined) warn('resourceNames', { code: 'resource-names-unreachable', message: names });
    });
  }
  return out;
}

/** A resource listed under a built-in group that does not have it: it never matches there. */
function groupProblem(gr: GroupResources, pattern: string): Problem | undefined {
  const shape = classifyPattern(pattern);
  if (!isBuiltInGroup(gr.group) || (shape.kind !== 'exact' && shape.kind !== 'anySubresource')) return undefined;
  const known = resourcesOf(gr.group);
  if (known.includes(shape.resource) || (gr.group === '' && shape.resource === 'namespaces')) return undefined;
  const group = gr.group === '' ? 'the core group ("")' : `group "${gr.group}"`;
  const elsewhere = groupsHaving(shape.resource).map((g) => (g === '' ? '""' : g));
  if (elsewhere.length > 0) {
    const message = `${shape.resource} is not in ${group} but in ${elsewhere.join(' or ')}, so it never matches here: use group: ${elsewhere[0]!}`;
    return { code: 'resource-group-mismatch', message };
  }
  const guess = closest(shape.resource, known);
  return guess === undefined ? undefined : { code: 'unknown-resource', message: `${group} has no resource "${shape.resource}": did you mean "${guess}"?` };
}
