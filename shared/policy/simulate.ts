import type { AuditEvent, AuditLevel, CanonicalEvent } from '../event/types.ts';
import { levelForEvent } from './evaluate.ts';
import { compareLevels, LEVELS } from './levels.ts';
import { eventSize, projectEvent } from './project.ts';
import type { Policy } from './types.ts';
import { VolumeTable, type VolumeRow } from './volume-table.ts';

/** The names of the rules that fire on an event (every match, not only the first). */
export type RuleMatcher = (ce: CanonicalEvent) => readonly string[];

/** Events and their size as JSON lines. */
export interface Totals {
  events: number;
  bytes: number;
}

/** A rule's findings on the recorded events and on what the policy would have written. */
export interface RuleLoss {
  rule: string;
  original: number;
  projected: number;
  /** Findings on the recorded events that the policy's events no longer give. */
  lost: number;
}

/** What a policy would have written for a recorded log. */
export interface SimulationReport {
  input: Totals;
  written: Totals;
  /** Share of input events and bytes the policy does not write, 0…1. */
  reduction: { events: number; bytes: number };
  /** Per level the policy decides: how many events, their input bytes and the bytes written. */
  byLevel: Record<AuditLevel, { events: number; inputBytes: number; writtenBytes: number }>;
  /** Events whose level is not None but whose stage the policy omits. */
  omittedStage: Totals;
  /** Events recorded below the level the policy gives them: their written size is a lower bound. */
  recordedBelowPolicy: number;
  topUsers: VolumeRow[];
  topResources: VolumeRow[];
  /** Per deciding policy rule (index; -1 is the default None). */
  byPolicyRule: VolumeRow[];
  /** Every rule that fired on the input, those losing findings first. */
  rules: RuleLoss[];
}

/** Replays recorded events through a policy: add() each event, then report(). */
export class Simulation {
  private readonly input = { events: 0, bytes: 0 };
  private readonly written = { events: 0, bytes: 0 };
  private readonly omitted = { events: 0, bytes: 0 };
  private readonly levels = Object.fromEntries(LEVELS.map((l) => [l, { events: 0, inputBytes: 0, writtenBytes: 0 }])) as SimulationReport['byLevel'];
  private readonly users = new VolumeTable();
  private readonly resources = new VolumeTable();
  private readonly policyRules = new VolumeTable();
  private readonly fired = new Map<string, { original: number; projected: number }>();
  private belowPolicy = 0;

  constructor(
    private readonly policy: Policy,
    private readonly matcher?: RuleMatcher,
  ) {}

  /** Accounts one recorded event. */
  add(ce: CanonicalEvent): void {
    const ev = ce.event;
    const inputBytes = eventSize(ev);
    const decision = levelForEvent(this.policy, ev);
    const projected = projectEvent(ev, decision.level, decision.omitStages, { omitManagedFields: decision.omitManagedFields });
    const writtenBytes = projected === undefined ? 0 : eventSize(projected);
    this.input.events++;
    this.input.bytes += inputBytes;
    const level = this.levels[decision.level];
    level.events++;
    level.inputBytes += inputBytes;
    level.writtenBytes += writtenBytes;
    if (projected !== undefined) {
      this.written.events++;
      this.written.bytes += writtenBytes;
    } else if (decision.level !== 'None') {
      this.omitted.events++;
      this.omitted.bytes += inputBytes;
    }
    if (compareLevels(ev.level, decision.level) < 0) this.belowPolicy++;
    const sizes = { inputBytes, writtenBytes, written: projected !== undefined };
    this.users.add(ev.user.username ?? '(unauthenticated)', sizes);
    this.resources.add(resourceKey(ev), sizes);
    this.policyRules.add(String(decision.ruleIndex ?? -1), sizes);
    if (this.matcher !== undefined) this.countRules(ce, projected);
  }

  /** The totals so far, with the `top` heaviest users and resources by bytes written. */
  report(top = 10): SimulationReport {
    const share = (part: number, whole: number): number => (whole === 0 ? 0 : 1 - part / whole);
    const rules = [...this.fired].map(([rule, c]) => ({ rule, ...c, lost: c.original - c.projected }));
    rules.sort((a, b) => b.lost - a.lost || b.original - a.original || a.rule.localeCompare(b.rule));
    return {
      input: { ...this.input },
      written: { ...this.written },
      reduction: { events: share(this.written.events, this.input.events), bytes: share(this.written.bytes, this.input.bytes) },
      byLevel: structuredClone(this.levels),
      omittedStage: { ...this.omitted },
      recordedBelowPolicy: this.belowPolicy,
      topUsers: this.users.top(top),
      topResources: this.resources.top(top),
      byPolicyRule: this.policyRules.top(Infinity),
      rules,
    };
  }

  // Rules are run on the event as recorded and as the policy would have written it.
  private countRules(ce: CanonicalEvent, projected: AuditEvent | undefined): void {
    const original = new Set(this.matcher!(ce));
    const after = projected === undefined ? new Set<string>() : new Set(this.matcher!({ event: projected, origin: ce.origin }));
    for (const rule of new Set([...original, ...after])) {
      const c = this.fired.get(rule) ?? this.fired.set(rule, { original: 0, projected: 0 }).get(rule)!;
      if (original.has(rule)) c.original++;
      if (after.has(rule) && original.has(rule)) c.projected++;
    }
  }
}

/** `secrets`, `pods/exec`, `deployments.apps`, or the path of a non-resource request. */
export function resourceKey(ev: AuditEvent): string {
  const ref = ev.objectRef;
  if (ref === undefined) return ev.requestURI.split('?', 1)[0]!;
  const sub = ref.subresource ? `/${ref.subresource}` : '';
  const group = ref.apiGroup ? `.${ref.apiGroup}` : '';
  return `${ref.resource ?? '?'}${sub}${group}`;
}
