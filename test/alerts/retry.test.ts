import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../shared/alerts/errors.ts';
import { backoffDelay, DEFAULT_RETRY, retry } from '../../shared/alerts/retry.ts';

const retryable = (retryAfterMs?: number) => new DeliveryError('busy', { retryable: true, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });

describe('backoff', () => {
  const opts = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };

  it('draws full jitter from an exponentially growing, capped ceiling', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffDelay(a, { ...opts, random: () => 0.999999 }))).toEqual([99, 199, 399, 799, 999]);
    expect(backoffDelay(3, { ...opts, random: () => 0 })).toBe(0);
  });

  it('honours Retry-After up to its ceiling', () => {
    expect(backoffDelay(1, opts, 2500)).toBe(2500);
    expect(backoffDelay(1, opts, 60_000)).toBe(DEFAULT_RETRY.maxRetryAfterMs);
  });
});

describe('retry', () => {
  it('tries again after a retryable error and sleeps between attempts', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const out = await retry(
      async () => {
        if (++calls < 3) throw retryable(calls === 2 ? 1234 : undefined);
        return 'done';
      },
      { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5, baseDelayMs: 100 },
    );
    expect(out).toBe('done');
    expect(sleeps).toEqual([50, 1234]);
  });

  it('stops at maxAttempts and rethrows the last error', async () => {
    let calls = 0;
    await expect(retry(async () => { calls++; throw retryable(); }, { maxAttempts: 4, sleep: async () => {} })).rejects.toThrow('busy');
    expect(calls).toBe(4);
  });

  it('does not retry a permanent error or an unexpected one', async () => {
    let calls = 0;
    await expect(retry(async () => { calls++; throw new DeliveryError('gone', { retryable: false }); }, { sleep: async () => {} })).rejects.toThrow('gone');
    await expect(retry(async () => { calls++; throw new TypeError('bug'); }, { sleep: async () => {} })).rejects.toThrow('bug');
    expect(calls).toBe(2);
  });
});
