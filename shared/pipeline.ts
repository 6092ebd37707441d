import type { Reject } from './adapters/reject.ts';
import { buildFinding, type Finding } from './alerts/finding.ts';
import type { RuleMatch } from './engine/index.ts';
import type { Priority } from './engine/priority.ts';
import type { CanonicalEvent } from './event/types.ts';

/** What one run saw: every record is counted exactly once as evaluated or rejected. */
export interface PipelineSummary {
  evaluated: number;
  rejected: number;
  /** Records that are not audit events by design (other log streams or categories, control messages). */
  skipped: number;
  findings: number;
  findingsByRule: Record<string, number>;
  findingsByPriority: Partial<Record<Priority, number>>;
  rejectsByReason: Record<string, number>;
}

/** The shared middle of every entry point: events in, findings out, rejects counted. */
export class Pipeline {
  private readonly counts = { evaluated: 0, rejected: 0, skipped: 0, findings: 0 };
  private readonly byRule = new Map<string, number>();
  private readonly byPriority = new Map<Priority, number>();
  private readonly byReason = new Map<string, number>();

  constructor(private readonly engine: { evaluate(ce: CanonicalEvent): RuleMatch[] }) {}

  /** Evaluates one event and returns its findings (none, or one per matching rule). */
  evaluate(ce: CanonicalEvent): Finding[] {
    this.counts.evaluated++;
    const matches = this.engine.evaluate(ce);
    if (matches.length === 0) return [];
    const findings = matches.map((m) => buildFinding(m, ce));
    for (const f of findings) {
      this.counts.findings++;
      bump(this.byRule, f.rule);
      bump(this.byPriority, f.priority);
    }
    return findings;
  }

  /** Counts a reject under its reason's kind (the text before the first colon). */
  reject(r: Reject): void {
    this.counts.rejected++;
    bump(this.byReason, reasonKind(r.reason));
  }

  /** Counts records passed over on purpose: neither evaluated nor rejected. */
  skip(count: number): void {
    this.counts.skipped += count;
  }

  summary(): PipelineSummary {
    return {
      ...this.counts,
      findingsByRule: Object.fromEntries(this.byRule),
      findingsByPriority: Object.fromEntries(this.byPriority),
      rejectsByReason: Object.fromEntries(this.byReason),
    };
  }
}

function bump<K>(m: Map<K, number>, k: K): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

/** `json: Unexpected token …` → `json`, so counts group by kind rather than by exact text. */
export function reasonKind(reason: string): string {
  const colon = reason.indexOf(':');
  return colon === -1 ? reason : reason.slice(0, colon);
}
