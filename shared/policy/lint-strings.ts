import { diagnostic, type Diagnostic } from './diagnostic.ts';
import type { Policy, Spans } from './types.ts';

// Values the apiserver accepts but that can never be what was meant: '*' outside resources and
// URLs, blank or padded names, and filters present but empty.

const LISTS = ['users', 'userGroups', 'verbs', 'namespaces', 'nonResourceURLs'] as const;
const WILDCARD_FREE = new Set(['users', 'userGroups', 'verbs', 'namespaces', 'resourceNames']);

/** wildcard-literal, blank-value, whitespace and empty-filter warnings. */
export function lintStrings(policy: Policy): Diagnostic[] {
  const out: Diagnostic[] = [];
  const warn = (at: Spans, key: string, path: string, code: string, message: string): void => {
    out.push(diagnostic('warning', code, policy.file, at.values[key] ?? at.keys[key] ?? at.pos, path, message));
  };
  const check = (at: Spans, key: string, values: readonly string[], path: string): void => {
    values.forEach((v, i) => checkValue(v, key, (code, m) => warn(at, `${key}[${i}]`, `${path}.${key}[${i}]`, code, m)));
  };
  for (const rule of policy.rules) {
    const path = `rules[${rule.index}]`;
    for (const key of LISTS) {
      check(rule, key, rule[key], path);
      if (rule.keys[key] !== undefined && rule[key].length === 0) {
        const message = `${key} is empty, so it does not restrict the rule: an empty list matches everything. Remove the key or list values`;
        warn(rule, key, `${path}.${key}`, 'empty-filter', message);
      }
    }
    if (rule.keys.resources !== undefined && rule.resources.length === 0) {
      const message = 'resources is empty, so it does not restrict the rule: an empty list matches everything. Remove the key or list entries';
      warn(rule, 'resources', `${path}.resources`, 'empty-filter', message);
    }
    rule.resources.forEach((gr, i) => check(gr, 'resourceNames', gr.resourceNames, `${path}.resources[${i}]`));
  }
  return out;
}

function checkValue(v: string, key: string, warn: (code: string, message: string) => void): void {
  // '' in namespaces is meaningful: it selects cluster-scoped requests.
  if (v === '' && key === 'namespaces') return;
  if (v.trim() === '') {
    const note = key === 'namespaces' ? ' ("" without spaces selects cluster-scoped requests)' : '';
    return warn('blank-value', `blank value in ${key}: it matches no real request${note}`);
  }
  if (v !== v.trim()) return warn('whitespace', `"${v}" has leading or trailing whitespace, and matching is exact: it never matches "${v.trim()}"`);
  if (WILDCARD_FREE.has(key) && v.includes('*')) {
    const instead = key === 'resourceNames' ? 'drop resourceNames to match every name' : `leave ${key} out to match every value`;
    warn('wildcard-literal', `${key} has no wildcards: "${v}" matches only the literal string "${v}"; ${instead}`);
  }
}
