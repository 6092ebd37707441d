import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEED, generateAuditLog } from '../../events/generate.ts';
import { toGkeLogEntry } from '../../shared/adapters/gke-envelope.ts';
import { convertLogEntry } from '../../shared/adapters/gke-logentry.ts';
import { fieldRegistry } from '../../shared/engine/fields/index.ts';
import { Engine, loadRulePaths } from '../../shared/engine/index.ts';
import { atLeast, type Priority } from '../../shared/engine/priority.ts';
import { parseAuditEvent } from '../../shared/event/parse.ts';
import type { AuditEvent, CanonicalEvent } from '../../shared/event/types.ts';
import { defaultRulesDir, packageRoot } from '../../shared/paths.ts';

// A benign day scanned with the whole ruleset, as DESIGN asks of every rule: nothing at Warning or
// above, and every lower-priority finding explained in events/benign/accepted-false-positives.yaml.

interface Listed {
  rule: string;
  priority?: string;
  reason: string;
  max?: number;
}
interface Accepted {
  accepted: Listed[];
  expected: Listed[];
}

const DAY_START = Date.parse('2026-11-20T09:00:00Z');
const DAY_END = DAY_START + 24 * 3600 * 1000;
const accepted = parse(readFileSync(join(packageRoot(), 'events', 'benign', 'accepted-false-positives.yaml'), 'utf8')) as Accepted;

/** The benign day, generated in memory: every event whose stage was written before the day ended. */
function benignDay(): AuditEvent[] {
  const out: AuditEvent[] = [];
  for (const line of generateAuditLog({ events: 1_000_000, seed: DEFAULT_SEED, attackEvery: 0 })) {
    const event = parseAuditEvent(JSON.parse(line));
    if (Date.parse(event.stageTimestamp ?? '') >= DAY_END) break;
    out.push(event);
  }
  return out;
}

/** GKE writes one entry per request: the ResponseComplete stage, rebuilt by kadet's adapter. */
function asGke(events: AuditEvent[]): CanonicalEvent[] {
  const out: CanonicalEvent[] = [];
  for (const e of events) {
    if (e.stage !== 'ResponseComplete') continue;
    const outcome = convertLogEntry(toGkeLogEntry(e, { project: 'acme-prod', location: 'europe-west1', cluster: 'baseline' }));
    if (outcome.kind === 'event') out.push(outcome.event);
  }
  return out;
}

type Counts = Map<string, { priority: Priority; count: number; example: string }>;

function scan(engine: Engine, events: Iterable<CanonicalEvent>): Counts {
  const counts: Counts = new Map();
  for (const ce of events) {
    for (const m of engine.evaluate(ce)) {
      const entry = counts.get(m.rule.name) ?? { priority: m.rule.priority, count: 0, example: m.output };
      entry.count++;
      counts.set(m.rule.name, entry);
    }
  }
  return counts;
}

/** Findings the accepted list does not explain: rule, priority, count and one example output. */
function unexplained(counts: Counts): string[] {
  const problems: string[] = [];
  for (const [rule, { priority, count, example }] of counts) {
    const acc = accepted.accepted.find((a) => a.rule === rule);
    const exp = accepted.expected.find((e) => e.rule === rule);
    if (atLeast(priority, 'Warning')) {
      if (!acc) problems.push(`${priority} ${rule} ×${count} on benign traffic: ${example}`);
      else if (acc.max !== undefined && count > acc.max) problems.push(`${rule}: ${count} findings, accepted up to ${acc.max}`);
    } else if (!acc && !exp) {
      problems.push(`${priority} ${rule} ×${count} is not listed in events/benign/accepted-false-positives.yaml: ${example}`);
    }
  }
  return problems;
}

describe('the benign baseline day', () => {
  let day: AuditEvent[] = [];
  let engine: Engine;

  beforeAll(async () => {
    const loaded = await loadRulePaths([defaultRulesDir()], fieldRegistry);
    expect(loaded.errors.map((e) => e.format())).toEqual([]);
    engine = new Engine(loaded.rules);
    day = benignDay();
  }, 120_000);

  it('is a full day of traffic that exercises what the rules look at', () => {
    expect(day.length).toBeGreaterThan(80_000);
    const seen = (pred: (e: AuditEvent) => boolean) => day.some(pred);
    const ref = (e: AuditEvent) => e.objectRef ?? {};
    // CI deploys with images, Helm reading its release secrets, controllers making pods and tokens
    expect(seen((e) => ref(e).resource === 'deployments' && e.verb === 'create' && e.requestObject !== undefined)).toBe(true);
    expect(seen((e) => ref(e).resource === 'secrets' && e.verb === 'list' && (e.userAgent ?? '').startsWith('Helm/'))).toBe(true);
    expect(seen((e) => ref(e).resource === 'pods' && e.verb === 'create' && (e.user.username ?? '').endsWith('replicaset-controller'))).toBe(true);
    expect(seen((e) => ref(e).subresource === 'token' && e.user.username === 'system:kube-controller-manager')).toBe(true);
    expect(seen((e) => ref(e).subresource === 'token' && (e.user.username ?? '').startsWith('system:node:'))).toBe(true);
    // kubelet CSRs approved and signed by the controller, events, ingress controller, webhooks
    expect(seen((e) => ref(e).resource === 'certificatesigningrequests' && ref(e).subresource === 'approval')).toBe(true);
    expect(seen((e) => ref(e).resource === 'events' && e.verb === 'create')).toBe(true);
    expect(seen((e) => ref(e).resource === 'ingresses' && ref(e).subresource === 'status')).toBe(true);
    expect(seen((e) => ref(e).resource === 'mutatingwebhookconfigurations' && e.verb === 'patch')).toBe(true);
    expect(seen((e) => ref(e).resource === 'nodes' && ref(e).subresource === 'proxy')).toBe(true);
  });

  it('gives no finding at Warning or above, and only listed ones below, as an on-prem log', () => {
    const counts = scan(engine, day.map((event) => ({ event, origin: { provider: 'onprem' as const, cluster: 'baseline' } })));
    expect(unexplained(counts)).toEqual([]);
  }, 120_000);

  it('gives no finding at Warning or above, and only listed ones below, as GKE delivers it', () => {
    expect(unexplained(scan(engine, asGke(day)))).toEqual([]);
  }, 120_000);

  it('lists every accepted or expected rule with a reason', () => {
    for (const l of [...accepted.accepted, ...accepted.expected]) expect(l.reason.length, l.rule).toBeGreaterThan(20);
  });
});
