import { gkePubSubAdapter } from '../../shared/adapters/gke-pubsub.ts';
import { undeliveredError, type BatchOutcome, type Runtime } from '../../shared/runtime.ts';

/**
 * One Eventarc `messagePublished` CloudEvent (structured, or binary mode as the framework rebuilds it).
 * Returning acks it. A malformed message is dead-lettered by the runtime and acked like any other, because
 * redelivering it cannot help; the one thing that throws is a finding some sink did not take, so that
 * Eventarc redelivers — and only if the trigger has retries on: with retries off the thrown event is dropped.
 */
export async function handlePubSubCloudEvent(event: unknown, runtime: Runtime): Promise<BatchOutcome> {
  const outcome = await runtime.process(gkePubSubAdapter.parse(event, runtime.adapterContext()));
  if (outcome.undelivered) throw undeliveredError(outcome.summary);
  return outcome;
}
