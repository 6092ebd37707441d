import type { Finding } from './finding.ts';

/** How many finding ids one warm instance remembers. */
export const DEDUP_CAPACITY = 10_000;

/**
 * Remembers delivered finding ids in a warm function instance, so a redelivered batch (Lambda's
 * async retries, at-least-once Pub/Sub and Event Hub) does not alert twice from the same instance.
 *
 * It does NOT cover: another instance handling the redelivery, a cold start (memory is lost),
 * or ids evicted after DEDUP_CAPACITY newer ones. A shared store would; FIFO SNS topics add 5 minutes
 * of cross-instance dedup by MessageDeduplicationId. An optional `scope` (the sink name) lets a
 * retry re-send only to the sinks that failed.
 */
export class Dedup {
  // A Map iterates in insertion order: the first key is the least recently used.
  private readonly seen = new Map<string, true>();

  constructor(readonly capacity: number = DEDUP_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('Dedup capacity must be a positive integer');
  }

  /** Findings not yet remembered (in `scope`), each id once; does not remember them. */
  filterNew(findings: readonly Finding[], scope = ''): Finding[] {
    const batch = new Set<string>();
    return findings.filter((f) => {
      const key = `${scope}\0${f.kadet.id}`;
      if (batch.has(key) || this.touch(key)) return false;
      batch.add(key);
      return true;
    });
  }

  /** Remembers findings (call only after they were delivered, so a failed delivery is retried). */
  remember(findings: readonly Finding[], scope = ''): void {
    for (const f of findings) {
      const key = `${scope}\0${f.kadet.id}`;
      this.seen.delete(key);
      this.seen.set(key, true);
      if (this.seen.size > this.capacity) this.seen.delete(this.seen.keys().next().value as string);
    }
  }

  /** Number of ids remembered. */
  get size(): number {
    return this.seen.size;
  }

  /** True if known; a hit becomes the most recently used. */
  private touch(key: string): boolean {
    if (!this.seen.has(key)) return false;
    this.seen.delete(key);
    this.seen.set(key, true);
    return true;
  }
}
