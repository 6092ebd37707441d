import type { AuditEvent } from '../../event/types.ts';
import { levelForEvent } from '../evaluate.ts';
import { eventSize, projectEvent } from '../project.ts';
import type { Policy } from '../types.ts';
import type { DraftRule } from './draft.ts';

interface Row {
  user: string;
  group: string;
  pattern: string;
  verbs: Set<string>;
  events: number;
  bytes: number;
}

/** Which user × resource pairs a policy still writes the most of, as None candidates. */
export class HeavyHitters {
  private readonly rows = new Map<string, Row>();
  private total = 0;

  constructor(private readonly policy: Policy) {}

  /** Accounts one recorded event at the size the policy writes it. */
  add(ev: AuditEvent): void {
    const decision = levelForEvent(this.policy, ev);
    const written = projectEvent(ev, decision.level, decision.omitStages, { omitManagedFields: decision.omitManagedFields });
    if (written === undefined) return;
    const bytes = eventSize(written);
    this.total += bytes;
    const user = ev.user.username;
    const ref = ev.objectRef;
    if (user === undefined || ref?.resource === undefined) return;
    const pattern = ref.subresource ? `${ref.resource}/${ref.subresource}` : ref.resource;
    const key = JSON.stringify([user, ref.apiGroup ?? '', pattern]);
    const row = this.rows.get(key) ?? this.rows.set(key, { user, group: ref.apiGroup ?? '', pattern, verbs: new Set(), events: 0, bytes: 0 }).get(key)!;
    row.verbs.add(ev.verb);
    row.events++;
    row.bytes += bytes;
  }

  /** None rules for the `max` heaviest pairs that each make at least `minShare` of what is written. */
  candidates(max = 10, minShare = 0.01): DraftRule[] {
    const share = (r: Row): number => (this.total === 0 ? 0 : r.bytes / this.total);
    return [...this.rows.values()]
      .filter((r) => share(r) >= minShare)
      .sort((a, b) => b.bytes - a.bytes || a.user.localeCompare(b.user))
      .slice(0, max)
      .map((r) => ({
        level: 'None',
        kind: 'noise',
        why: `Heavy in the recorded log: ${r.user} ${[...r.verbs].sort().join('/')} ${r.pattern}${r.group ? `.${r.group}` : ''}, ${r.events.toLocaleString('en-US')} events, ${(share(r) * 100).toFixed(1)}% of the bytes the policy without it writes.`,
        users: [r.user],
        verbs: [...r.verbs].sort(),
        resources: [{ group: r.group, resources: [r.pattern] }],
      }));
  }
}
