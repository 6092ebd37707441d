import { KadetError } from '../errors.ts';

/**
 * A sink or dead-letter entry that cannot be used as configured. Raised at cold start; the message
 * names the variable and the 1-based entry and never contains a secret (URLs are redacted).
 */
export class SinkConfigError extends KadetError {
  constructor(
    readonly variable: string,
    readonly entry: number | undefined,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${variable}${entry === undefined ? '' : ` entry ${entry}`}: ${problem}`, 'SINK_CONFIG', { field: variable, ...(entry === undefined ? {} : { record: entry }) }, options);
  }
}

/** Options of a DeliveryError: whether trying again may help, and what is still to be sent. */
export interface DeliveryErrorOptions<T> {
  retryable: boolean;
  /** The items not yet delivered (a partial failure); absent means all of them. */
  pending?: readonly T[];
  /** Server-requested wait (Retry-After) before the next attempt. */
  retryAfterMs?: number;
  /** HTTP status when the failure was an HTTP answer. */
  status?: number;
  cause?: unknown;
}

/**
 * A send that failed. Messages are built from redacted text only, and `cause` is never a raw
 * fetch/SDK error that could carry a URL token, so the whole chain is safe to log.
 */
export class DeliveryError<T = unknown> extends KadetError {
  readonly retryable: boolean;
  readonly pending?: readonly T[];
  readonly retryAfterMs?: number;
  readonly status?: number;

  constructor(message: string, opts: DeliveryErrorOptions<T>) {
    super(message, opts.retryable ? 'DELIVERY_RETRYABLE' : 'DELIVERY_FAILED', {}, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.retryable = opts.retryable;
    if (opts.pending !== undefined) this.pending = opts.pending;
    if (opts.retryAfterMs !== undefined) this.retryAfterMs = opts.retryAfterMs;
    if (opts.status !== undefined) this.status = opts.status;
  }
}

/** Thrown by the caller when `deliver` reports failures, so the platform retries the invocation. */
export class UndeliveredError extends KadetError {
  constructor(readonly failures: readonly { sink: string; error: Error }[]) {
    super(`could not deliver to ${failures.map((f) => `${f.sink} (${f.error.message})`).join('; ')}`, 'UNDELIVERED');
  }
}
