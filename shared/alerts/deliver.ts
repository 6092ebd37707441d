import { atLeast } from '../engine/priority.ts';
import type { Dedup } from './dedup.ts';
import { DeliveryError, UndeliveredError } from './errors.ts';
import type { Finding } from './finding.ts';
import { retry, type RetryOptions } from './retry.ts';
import type { SendResult, Sink } from './sinks/types.ts';

export interface DeliverOptions {
  retry?: Partial<RetryOptions>;
  /** Skips findings each sink already got in this warm instance; remembers what each sink took. */
  dedup?: Dedup;
  /** Send everything regardless of minPriority (the test alert, like Falcosidekick's test rule). */
  ignoreMinPriority?: boolean;
}

export interface DeliveryReport {
  /** Findings that reached every sink that wanted them (or had reached it already). */
  delivered: number;
  /** Per sink: how many findings it took in this call. */
  sent: { sink: string; count: number }[];
  /** Sinks that still failed after retrying; every error message is redacted. */
  failed: { sink: string; error: DeliveryError }[];
}

/** Sends to every sink concurrently with retries; one sink failing never stops the others. */
export async function deliver(findings: readonly Finding[], sinks: readonly Sink[], opts: DeliverOptions = {}): Promise<DeliveryReport> {
  const undelivered = new Set<string>();
  const wanted = new Set<string>();
  const outcomes = await Promise.all(
    sinks.map(async (sink) => {
      const mine = findings.filter((f) => opts.ignoreMinPriority || sink.minPriority === undefined || atLeast(f.priority, sink.minPriority));
      for (const f of mine) wanted.add(f.kadet.id);
      const todo = opts.dedup ? opts.dedup.filterNew(mine, sink.name) : mine;
      if (todo.length === 0) return { sink: sink.name, count: 0 };
      try {
        const { sent } = await sendWithRetry(sink.name, todo, (items) => sink.send(items), opts.retry);
        opts.dedup?.remember(todo, sink.name);
        return { sink: sink.name, count: sent };
      } catch (err) {
        const error = err as DeliveryError<Finding>;
        const pending = error.pending ?? todo;
        for (const f of pending) undelivered.add(f.kadet.id);
        // What did get through is remembered, so the platform's retry re-sends only the rest.
        const pendingIds = new Set(pending.map((f) => f.kadet.id));
        opts.dedup?.remember(todo.filter((f) => !pendingIds.has(f.kadet.id)), sink.name);
        return { sink: sink.name, count: todo.length - pending.length, error };
      }
    }),
  );
  return {
    delivered: [...wanted].filter((id) => !undelivered.has(id)).length,
    sent: outcomes.map(({ sink, count }) => ({ sink, count })),
    failed: outcomes.flatMap((o) => (o.error === undefined ? [] : [{ sink: o.sink, error: o.error }])),
  };
}

/**
 * Calls `send` until everything is sent, re-sending only what a partial failure left pending.
 * Throws a DeliveryError naming the sink and the attempts, with what is still pending.
 */
export async function sendWithRetry<T>(sink: string, items: readonly T[], send: (items: T[]) => Promise<SendResult>, options?: Partial<RetryOptions>): Promise<SendResult> {
  let pending = [...items];
  let sent = 0;
  let attempts = 0;
  try {
    await retry(async (attempt) => {
      attempts = attempt;
      try {
        sent += (await send(pending)).sent;
      } catch (err) {
        if (err instanceof DeliveryError && err.pending !== undefined) {
          sent += pending.length - err.pending.length;
          pending = [...(err.pending as readonly T[])];
        }
        throw err;
      }
    }, options);
    return { sent };
  } catch (err) {
    const last = err instanceof DeliveryError ? err : undefined;
    const why = err instanceof Error ? err.message : String(err);
    throw new DeliveryError<T>(`${sink}: gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${why}`, {
      retryable: last?.retryable ?? false,
      pending,
      ...(last?.status === undefined ? {} : { status: last.status }),
      cause: err,
    });
  }
}

/** Throws UndeliveredError when a report has failures, so the platform retries the invocation. */
export function assertDelivered(report: DeliveryReport): void {
  if (report.failed.length > 0) throw new UndeliveredError(report.failed);
}
