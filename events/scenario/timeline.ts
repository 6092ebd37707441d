// Collects the events of a simulated window and hands them back in the order the log backend
// wrote them: by stageTimestamp, ties in the order they were produced.

import type { AuditEvent } from '../../shared/event/types.ts';
import { toEvents, type Request, type Stamped } from './build.ts';
import type { Prng } from './prng.ts';
import type { Micros } from './time.ts';

export interface Entry extends Stamped {
  seq: number;
  /** Who produced it, for counts in reports: `benign:<actor>` or `attack:<step>`. */
  tag: string;
}

export class Timeline {
  private readonly entries: Entry[] = [];
  private seq = 0;

  constructor(readonly rng: Prng) {}

  /** Adds every recorded stage of one request; returns its auditID. */
  add(tag: string, r: Request): string {
    // Callers think in milliseconds; real receipt times carry microseconds.
    const events = toEvents(this.rng, { ...r, at: r.at + this.rng.int(0, 999) });
    for (const s of events) this.entries.push({ ...s, seq: this.seq++, tag });
    return (events[0] as Stamped).event.auditID;
  }

  /** Adds an event built by hand (rare shapes). */
  addEvent(tag: string, t: Micros, event: AuditEvent): void {
    this.entries.push({ t, event, seq: this.seq++, tag });
  }

  /** Entries written in [from, to), chronological. */
  window(from: Micros, to: Micros): Entry[] {
    return this.entries.filter((e) => e.t >= from && e.t < to).sort((a, b) => a.t - b.t || a.seq - b.seq);
  }
}
