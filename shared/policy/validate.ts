import type { Diagnostic } from './diagnostic.ts';
import { diagnostic } from './diagnostic.ts';
import { dnsSubdomainProblems } from './dns.ts';
import { LEVELS, STAGES, isLevel, isStage } from './levels.ts';
import { closest } from './suggest.ts';
import type { Policy, PolicyRule, Spans } from './types.ts';

// The checks kube-apiserver runs before it accepts a policy (apis/audit/validation). Each one
// failing keeps the apiserver from starting, so each is an error.

/** The apiserver's validation errors for rules and omitStages, at the offending value. */
export function validatePolicy(policy: Policy): Diagnostic[] {
  const out: Diagnostic[] = [];
  const err = (at: Spans, key: string, path: string, code: string, message: string): void => {
    out.push(diagnostic('error', code, policy.file, at.values[key] ?? at.keys[key] ?? at.pos, path, message));
  };
  policy.omitStages.forEach((s, i) => checkStage(s, (code, m) => err(policy, `omitStages[${i}]`, `omitStages[${i}]`, code, m)));
  for (const rule of policy.rules) validateRule(rule, `rules[${rule.index}]`, err);
  return out;
}

type Report = (at: Spans, key: string, path: string, code: string, message: string) => void;

function validateRule(rule: PolicyRule, path: string, err: Report): void {
  if (rule.level === '') err(rule, 'level', `${path}.level`, 'missing-level', `${path} has no level: it is required (one of ${LEVELS.join(', ')})`);
  else if (!isLevel(rule.level)) {
    err(rule, 'level', `${path}.level`, 'invalid-level', `unsupported level "${rule.level}"${hint(rule.level, LEVELS)}; supported: ${LEVELS.join(', ')}`);
  }
  rule.nonResourceURLs.forEach((url, i) => {
    const at = `nonResourceURLs[${i}]`;
    if (url === '*') return;
    if (!url.startsWith('/')) err(rule, at, `${path}.${at}`, 'url-not-absolute', `non-resource URL "${url}" must begin with '/'`);
    if (url.slice(0, -1).includes('*')) err(rule, at, `${path}.${at}`, 'url-wildcard', `non-resource URL "${url}": a '*' wildcard may only be the last character`);
  });
  rule.resources.forEach((gr, i) => {
    const at = `${path}.resources[${i}]`;
    const problems = gr.group === '' ? [] : dnsSubdomainProblems(gr.group);
    if (problems.length > 0) {
      const version = gr.group.includes('/') ? `; drop the version: group: ${gr.group.split('/')[0]}` : '';
      const blank = gr.group.trim() === '' ? ' (it is blank; "" is the core group)' : '';
      err(gr, 'group', `${at}.group`, 'invalid-group', `API group "${gr.group}"${blank} ${problems.join('; ')}${version}`);
    }
    if (gr.resourceNames.length > 0 && gr.resources.length === 0) {
      err(gr, 'resourceNames', `${at}.resourceNames`, 'resource-names-without-resources', 'resourceNames needs at least one entry in resources beside it');
    }
  });
  rule.omitStages.forEach((s, i) => checkStage(s, (code, m) => err(rule, `omitStages[${i}]`, `${path}.omitStages[${i}]`, code, m)));
  if (rule.nonResourceURLs.length > 0 && (rule.resources.length > 0 || rule.namespaces.length > 0)) {
    const other = rule.resources.length > 0 ? 'resources' : 'namespaces';
    err(rule, 'nonResourceURLs', `${path}.nonResourceURLs`, 'urls-with-resources', `a rule cannot have both nonResourceURLs and ${other}: split it into two rules`);
  }
}

function checkStage(stage: string, err: (code: string, message: string) => void): void {
  if (!isStage(stage)) err('invalid-stage', `unknown stage "${stage}"${hint(stage, STAGES)}; allowed: ${STAGES.join(', ')}`);
}

function hint(value: string, allowed: readonly string[]): string {
  const s = closest(value, allowed);
  return s === undefined ? '' : ` (did you mean "${s}"?)`;
}
