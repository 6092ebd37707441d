import { backoffDelay, DEFAULT_RETRY, type RetryOptions } from '../alerts/retry.ts';

/** How a source retries what its SDK does not (Cloud Logging's RESOURCE_EXHAUSTED): minutes, not seconds. */
export const REPLAY_RETRY: Readonly<RetryOptions> = Object.freeze({
  ...DEFAULT_RETRY,
  maxAttempts: 8,
  baseDelayMs: 1000,
  maxDelayMs: 60_000,
  maxRetryAfterMs: 120_000,
});

/** Calls `fn` until it resolves, `isRetryable(err)` is false, or attempts run out; the last error is rethrown. */
export async function withBackoff<T>(fn: () => Promise<T>, isRetryable: (err: unknown) => boolean, options: Partial<RetryOptions> = {}, signal?: AbortSignal): Promise<T> {
  const opts: RetryOptions = { ...REPLAY_RETRY, ...options };
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      // Stopped while retrying: that is an abort, not the (retryable) failure that happened to come last.
      if (signal?.aborted && isRetryable(err)) throw abortErrorOf(signal);
      if (attempt >= opts.maxAttempts || !isRetryable(err)) throw err;
      await opts.sleep(backoffDelay(attempt, opts));
    }
  }
}

function abortErrorOf(signal: AbortSignal): unknown {
  const reason: unknown = signal.reason;
  if ((reason as { name?: unknown } | null)?.name === 'AbortError') return reason;
  return Object.assign(new Error('aborted', { cause: reason }), { name: 'AbortError' });
}
