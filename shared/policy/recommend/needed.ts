import { finiteMembers, type Box } from '../../engine/analysis/index.ts';
import type { AuditLevel } from '../../event/types.ts';
import { groupsHaving } from '../known-resources.ts';
import type { DraftRule } from './draft.ts';
import type { NamedBox } from './narrow.ts';
import { listNames } from './wording.ts';

interface Need {
  level: AuditLevel;
  verbs?: string[];
  /** group → patterns; undefined when the box's resources cannot be listed (then every resource). */
  patterns?: Map<string, Set<string>>;
  rules: Set<string>;
}

/**
 * Rules granting the levels above Metadata that rules need, one per level and verb set,
 * RequestResponse first (the first matching rule wins, so a Request rule must not shadow them).
 */
export function neededRules(boxes: readonly NamedBox[]): DraftRule[] {
  const needs = new Map<string, Need>();
  for (const { rule, box } of boxes) {
    if (box.level !== 'Request' && box.level !== 'RequestResponse') continue;
    const verbs = finiteMembers(box.dims.verb)?.values;
    const patterns = patternsOf(box);
    const key = JSON.stringify([box.level, verbs ?? null, patterns === undefined]);
    const need = needs.get(key) ?? needs.set(key, { level: box.level, ...(verbs ? { verbs } : {}), ...(patterns ? { patterns: new Map() } : {}), rules: new Set() }).get(key)!;
    need.rules.add(rule);
    for (const [g, ps] of patterns ?? []) for (const p of ps) need.patterns!.set(g, (need.patterns!.get(g) ?? new Set()).add(p));
  }
  const order = (n: Need): number => (n.level === 'RequestResponse' ? 0 : 2) + (n.patterns === undefined ? 1 : 0);
  return [...needs.values()].sort((a, b) => order(a) - order(b)).map(toRule);
}

function toRule(n: Need): DraftRule {
  const body = n.level === 'Request' ? 'the request object' : 'the request and response objects';
  const why = `${n.level}: ${listNames([...n.rules])} read ${body} of these requests.`;
  // Secrets are the one resource whose request body is itself sensitive.
  const secrets = n.patterns === undefined || [...(n.patterns.get('') ?? [])].some((p) => p === 'secrets' || p.startsWith('secrets/'));
  const caution = secrets ? ' Secret data written in these requests ends up in the audit log: keep the log as protected as the Secrets.' : '';
  const out: DraftRule = { level: n.level, kind: 'needed', why: why + caution };
  if (n.verbs) out.verbs = n.verbs;
  if (n.patterns) out.resources = [...n.patterns].sort(([a], [b]) => a.localeCompare(b)).map(([group, ps]) => ({ group, resources: [...ps].sort() }));
  return out;
}

// The resources patterns a box names, by group; undefined when they cannot be listed.
function patternsOf(box: Box): Map<string, Set<string>> | undefined {
  const resources = finiteMembers(box.dims.resource);
  if (resources === undefined || resources.absent || resources.values.length === 0) return undefined;
  const groups = finiteMembers(box.dims.group);
  const subs = finiteMembers(box.dims.subresource);
  const out = new Map<string, Set<string>>();
  for (const r of resources.values) {
    const inGroups = groups ? [...groups.values, ...(groups.absent ? [''] : [])] : groupsHaving(r);
    if (inGroups.length === 0) return undefined; // not a built-in resource: its group is unknown
    const patterns = subs ? [...subs.values.map((s) => `${r}/${s}`), ...(subs.absent ? [r] : [])] : [r, `${r}/*`];
    for (const g of inGroups) out.set(g, new Set([...(out.get(g) ?? []), ...patterns]));
  }
  return out;
}
