import { DeliveryError } from '../errors.ts';
import type { SendResult } from './types.ts';

/**
 * Sends items one request each, `concurrency` at a time, and reports the ones that failed as
 * `pending` so a retry re-sends only those. Messages come from the (redacted) request errors.
 */
export async function sendEach<T>(items: readonly T[], concurrency: number, post: (item: T) => Promise<unknown>): Promise<SendResult> {
  const failures: { item: T; error: unknown }[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await post(item);
      } catch (error) {
        failures.push({ item, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  if (failures.length === 0) return { sent: items.length };
  const errors = failures.map((f) => f.error);
  const delivery = errors.filter((e): e is DeliveryError => e instanceof DeliveryError);
  const retryAfter = delivery.map((e) => e.retryAfterMs).filter((ms): ms is number => ms !== undefined);
  const first = errors[0] instanceof Error ? errors[0].message : 'unknown error';
  throw new DeliveryError<T>(`${failures.length} of ${items.length} not sent: ${first}`, {
    retryable: delivery.some((e) => e.retryable),
    pending: failures.map((f) => f.item),
    ...(retryAfter.length === 0 ? {} : { retryAfterMs: Math.max(...retryAfter) }),
    ...(delivery[0]?.status === undefined ? {} : { status: delivery[0].status }),
  });
}
