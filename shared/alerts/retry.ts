import { DeliveryError } from './errors.ts';

/** How hard to try. Defaults fit a Lambda invocation: three attempts within a few seconds. */
export interface RetryOptions {
  /** Attempts in all, the first included (1 = no retry). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest Retry-After honoured; a server asking for more gets this much. */
  maxRetryAfterMs: number;
  sleep: (ms: number) => Promise<void>;
  /** Uniform in [0, 1); injectable so tests can pin the jitter. */
  random: () => number;
}

export const DEFAULT_RETRY: Readonly<RetryOptions> = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 5000,
  maxRetryAfterMs: 10_000,
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
});

/** Wait before attempt `attempt + 1`: full jitter over min(cap, base·2^(attempt-1)), or Retry-After. */
export function backoffDelay(attempt: number, opts: RetryOptions, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, opts.maxRetryAfterMs);
  const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(opts.random() * ceiling);
}

/** Only a DeliveryError that says so is retried; anything else is a bug or permanent. */
export function isRetryable(err: unknown): boolean {
  return err instanceof DeliveryError && err.retryable;
}

/** Runs `fn` until it resolves, a non-retryable error, or maxAttempts; rethrows the last error. */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: Partial<RetryOptions> = {}): Promise<T> {
  const opts: RetryOptions = { ...DEFAULT_RETRY, ...options };
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= opts.maxAttempts || !isRetryable(err)) throw err;
      const retryAfterMs = err instanceof DeliveryError ? err.retryAfterMs : undefined;
      await opts.sleep(backoffDelay(attempt, opts, retryAfterMs));
    }
  }
}
