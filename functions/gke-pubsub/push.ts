import { gkePubSubAdapter } from '../../shared/adapters/gke-pubsub.ts';
import { undeliveredError, type BatchSummary, type Runtime } from '../../shared/runtime.ts';

/** Pub/Sub push acks any 2xx; this one carries the batch summary for whoever reads it by hand. */
export const PUSH_ACK = 200;
/** Non-2xx nacks: Pub/Sub redelivers with the subscription's backoff (then its dead-letter topic, if any). */
export const PUSH_RETRY = 503;

/** The HTTP answer to one push request; the body holds redacted reasons only. */
export interface PushAnswer {
  status: number;
  body: { ok: boolean; summary: BatchSummary; error?: string };
}

/**
 * One Pub/Sub push request body (`{message, subscription}`; a no-wrapper subscription's bare LogEntry works too).
 * Malformed messages are dead-lettered and acked — a retry would fail the same way; only a finding that some
 * sink did not take answers non-2xx, so Pub/Sub redelivers and the per-instance dedup spares the sinks that had it.
 */
export async function handlePubSubPush(body: unknown, runtime: Runtime): Promise<PushAnswer> {
  const { summary, undelivered } = await runtime.process(gkePubSubAdapter.parse(body, runtime.adapterContext()));
  if (undelivered) return { status: PUSH_RETRY, body: { ok: false, summary, error: undeliveredError(summary).message } };
  return { status: PUSH_ACK, body: { ok: true, summary } };
}
