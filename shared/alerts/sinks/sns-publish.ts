import { PublishBatchCommand, SNSClient, type PublishBatchRequestEntry } from '@aws-sdk/client-sns';
import { DeliveryError } from '../errors.ts';
import { entryBytes, SNS_MAX_BYTES, type SnsEntry } from './sns-format.ts';
import type { SendResult } from './types.ts';

/** PublishBatch takes at most this many entries. */
export const SNS_BATCH_MAX = 10;

const clients = new Map<string, SNSClient>();

/** One client per region per warm instance; SDK retries off because `deliver` owns retrying. */
export function defaultSnsClient(region: string): SNSClient {
  let c = clients.get(region);
  if (c === undefined) clients.set(region, (c = new SNSClient({ region, maxAttempts: 1 })));
  return c;
}

/** Groups entries into batches of ≤ SNS_BATCH_MAX entries and ≤ SNS_MAX_BYTES in all, in order. */
export function packBatches<T>(items: readonly { item: T; entry: SnsEntry }[]): { item: T; entry: SnsEntry }[][] {
  const batches: { item: T; entry: SnsEntry }[][] = [];
  let current: { item: T; entry: SnsEntry }[] = [];
  let bytes = 0;
  for (const x of items) {
    const size = entryBytes(x.entry);
    if (current.length === SNS_BATCH_MAX || (current.length > 0 && bytes + size > SNS_MAX_BYTES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(x);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Publishes every item; throws a DeliveryError whose `pending` holds exactly the items SNS did
 * not take (whole failed batches, or the `Failed` entries of a 200 answer), so a retry resends only those.
 */
export async function publishAll<T>(client: SNSClient, topicArn: string, items: readonly T[], format: (item: T) => SnsEntry): Promise<SendResult> {
  const fifo = topicArn.endsWith('.fifo');
  const pending: T[] = [];
  const problems: string[] = [];
  let retryable = false;
  let sent = 0;
  for (const batch of packBatches(items.map((item) => ({ item, entry: format(item) })))) {
    const entries = batch.map(({ entry }, i): PublishBatchRequestEntry => ({
      Id: `m${i}`,
      Message: entry.message,
      ...(entry.subject === undefined ? {} : { Subject: entry.subject }),
      MessageAttributes: Object.fromEntries(Object.entries(entry.attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }])),
      ...(fifo ? { MessageGroupId: 'kadet', ...(entry.dedupId === undefined ? {} : { MessageDeduplicationId: entry.dedupId }) } : {}),
    }));
    try {
      const out = await client.send(new PublishBatchCommand({ TopicArn: topicArn, PublishBatchRequestEntries: entries }));
      const failed = out.Failed ?? [];
      sent += batch.length - failed.length;
      for (const f of failed) {
        const idx = Number((f.Id ?? '').slice(1));
        const hit = batch[idx];
        if (hit !== undefined) pending.push(hit.item);
        retryable ||= f.SenderFault !== true;
        problems.push(`entry failed: ${f.Code ?? 'unknown'}${f.SenderFault ? ' (sender fault)' : ''}`);
      }
    } catch (err) {
      pending.push(...batch.map((b) => b.item));
      const c = classifySdkError(err);
      retryable ||= c.retryable;
      problems.push(c.reason);
    }
  }
  if (pending.length > 0) {
    const summary = [...new Set(problems)].join('; ');
    throw new DeliveryError<T>(`sns ${topicArn}: ${pending.length} of ${items.length} not published: ${summary}`, { retryable, pending });
  }
  return { sent };
}

/** SDK errors: server faults, throttling and network failures are retryable; client faults are not. */
export function classifySdkError(err: unknown): { retryable: boolean; reason: string } {
  const e = (err ?? {}) as { name?: string; message?: string; $fault?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  const reason = `${e.name ?? 'Error'}${status === undefined ? '' : ` (HTTP ${status})`}: ${e.message ?? ''}`.trim();
  if (e.name === 'CredentialsProviderError') return { retryable: false, reason };
  if (e.$retryable !== undefined || e.$fault === 'server' || status === 429 || (status ?? 0) >= 500) return { retryable: true, reason };
  if (e.$fault === 'client' || status !== undefined) return { retryable: false, reason };
  return { retryable: true, reason }; // no answer at all: network or timeout
}
