import { describe, expect, it } from 'vitest';
import { Engine } from '../../shared/engine/index.ts';
import type { AuditEvent, CanonicalEvent } from '../../shared/event/types.ts';
import { eventSize, projectEvent } from '../../shared/policy/project.ts';
import { Simulation } from '../../shared/policy/simulate.ts';
import { policyOf } from './helpers.ts';
import { loadRules } from './rules-helper.ts';
import { TINY_POLICY, TINY_RULES, tinyLog } from './simulate-fixtures.ts';

const ce = (event: AuditEvent): CanonicalEvent => ({ event, origin: { provider: 'onprem' } });

function run() {
  const engine = new Engine(loadRules(TINY_RULES), { matching: 'all' });
  const sim = new Simulation(policyOf(TINY_POLICY.rules, TINY_POLICY.extra), (e) => engine.evaluate(e).map((m) => m.rule.name));
  const log = tinyLog();
  for (const ev of log) sim.add(ce(ev));
  return { report: sim.report(), log };
}

describe('Simulation', () => {
  it('counts events and bytes per level the policy decides, and what it writes', () => {
    const { report, log } = run();
    const [secret, kubelet, create, received] = log.map(eventSize);
    const createWritten = eventSize(projectEvent(log[2]!, 'Request', [])!);
    expect(report.input).toEqual({ events: 4, bytes: secret! + kubelet! + create! + received! });
    expect(report.byLevel.None).toEqual({ events: 2, inputBytes: secret! + received!, writtenBytes: 0 });
    expect(report.byLevel.Metadata).toEqual({ events: 1, inputBytes: kubelet!, writtenBytes: kubelet! });
    expect(report.byLevel.Request).toEqual({ events: 1, inputBytes: create!, writtenBytes: createWritten });
    expect(report.written).toEqual({ events: 2, bytes: kubelet! + createWritten });
    expect(report.reduction.events).toBe(0.5);
    expect(report.reduction.bytes).toBeCloseTo(1 - (kubelet! + createWritten) / report.input.bytes, 10);
  });

  it('counts a stage the policy omits apart from level None', () => {
    const engine = new Engine(loadRules(TINY_RULES), { matching: 'all' });
    const sim = new Simulation(policyOf([{ level: 'Metadata' }], { omitStages: ['RequestReceived'] }), (e) => engine.evaluate(e).map((m) => m.rule.name));
    const log = tinyLog();
    sim.add(ce(log[3]!));
    expect(sim.report().omittedStage).toEqual({ events: 1, bytes: eventSize(log[3]!) });
    expect(sim.report().byLevel.Metadata.writtenBytes).toBe(0);
  });

  it('ranks users and resources by bytes written', () => {
    const { report } = run();
    expect(report.topUsers.map((u) => u.key)).toEqual(['ci', 'system:node:n1', 'alice@example.com']);
    expect(report.topUsers[2]).toMatchObject({ events: 2, writtenEvents: 0, writtenBytes: 0 });
    expect(report.topResources.map((r) => r.key)).toEqual(['pods', 'configmaps', 'secrets']);
    expect(report.byPolicyRule.map((r) => r.key)).toEqual(['1', '2', '0']);
  });

  it('lists the rules that fire on the recorded events but not on what the policy writes', () => {
    const { report } = run();
    expect(report.rules).toEqual([
      { rule: 'Pod Named in Response', original: 1, projected: 0, lost: 1 },
      { rule: 'Secret Read', original: 1, projected: 0, lost: 1 },
      { rule: 'Kubelet Read', original: 1, projected: 1, lost: 0 },
      { rule: 'Privileged Pod', original: 1, projected: 1, lost: 0 },
    ]);
  });

  it('counts events recorded below the level the policy gives them', () => {
    const sim = new Simulation(policyOf([{ level: 'RequestResponse' }]));
    const log = tinyLog();
    for (const ev of log) sim.add(ce(ev));
    expect(sim.report().recordedBelowPolicy).toBe(3);
  });
});
