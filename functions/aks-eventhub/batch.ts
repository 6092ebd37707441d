import { aksEventHubAdapter } from '../../shared/adapters/aks-eventhub.ts';
import { undeliveredError, type BatchOutcome, type Runtime } from '../../shared/runtime.ts';
import { eventHubCoordinates } from './trigger-metadata.ts';

/**
 * One Event Hub batch (cardinality many): each message an AKS diagnostic `{records:[…]}` body, each event traced
 * to its partition, sequence number and offset. Malformed records are dead-lettered and the batch still
 * succeeds; the one thing that throws is a finding some sink did not take, so the function's retry policy
 * re-runs the batch before the checkpoint moves on (without that policy, nothing would be redelivered).
 */
export async function handleEventHubBatch(messages: unknown, triggerMetadata: Readonly<Record<string, unknown>> | undefined, runtime: Runtime): Promise<BatchOutcome> {
  const ctx = runtime.adapterContext({ eventHub: eventHubCoordinates(triggerMetadata) });
  const outcome = await runtime.process(aksEventHubAdapter.parse(messages, ctx));
  if (outcome.undelivered) throw undeliveredError(outcome.summary);
  return outcome;
}
