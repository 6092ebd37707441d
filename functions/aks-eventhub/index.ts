/**
 * AKS audit logs → diagnostic setting → Event Hub → Azure Functions (Node.js v4 programming model).
 *
 * The Event Hub trigger checkpoints a batch even when the function throws, so a thrown error alone redelivers
 * nothing: the retry policy below makes the host re-run the same batch, and checkpoints wait until the policy
 * has finished. kadet throws only when a finding could not be delivered (malformed records are dead-lettered
 * and the batch succeeds); once the retries are spent the checkpoint advances and the batch is dropped, which
 * is logged as `{"kadet":"dropped",…}` with its coordinates. See README.md.
 */
import { app, type EventHubFunctionOptions, type ExponentialBackoffRetryOptions, type InvocationContext } from '@azure/functions';
import { handleEventHubBatch } from './batch.ts';
import { InstanceRuntime } from '../../shared/instance/instance-runtime.ts';
import { eventHubCoordinates } from './trigger-metadata.ts';

/** console.log is what the Node worker forwards to the host (and Application Insights) for every invocation. */
const logLine = (line: string): void => console.log(line);

/**
 * Per-function retry policy (Event Hub retries are function-level in the v4 model). Finite on purpose: a sink
 * that stays down must not block the partition forever. 10 retries, 5 s doubling to 5 min: about 25 minutes.
 */
export const EVENTHUB_RETRY: ExponentialBackoffRetryOptions = {
  strategy: 'exponentialBackoff',
  maxRetryCount: 10,
  minimumInterval: { seconds: 5 },
  maximumInterval: { minutes: 5 },
};

/** This instance's runtime, built from the app settings at cold start (exported so tests can reconfigure it). */
export const instance = new InstanceRuntime(process.env, { log: logLine, write: logLine });
instance.warmUp(logLine);

/** Runs one batch; on the last permitted attempt, says what is about to be dropped before failing. */
async function handler(messages: unknown, context: InvocationContext): Promise<void> {
  try {
    await handleEventHubBatch(messages, context.triggerMetadata, await instance.get());
  } catch (err) {
    const retry = context.retryContext;
    if (retry !== undefined && retry.maxRetryCount >= 0 && retry.retryCount >= retry.maxRetryCount) {
      const at = eventHubCoordinates(context.triggerMetadata);
      logLine(JSON.stringify({ kadet: 'dropped', severity: 'ERROR', partition: at.partitionId, sequenceNumbers: at.sequenceNumbers, error: err instanceof Error ? err.message : String(err) }));
    }
    throw err;
  }
}

/** The registration: app settings by name (`%…%` resolves at host start), batches, and the retry policy. */
export const kadetAksAudit: EventHubFunctionOptions = {
  connection: 'KADET_EVENTHUB_CONNECTION',
  eventHubName: '%KADET_EVENTHUB_NAME%',
  consumerGroup: '%KADET_EVENTHUB_CONSUMER_GROUP%',
  cardinality: 'many',
  retry: EVENTHUB_RETRY,
  handler,
};

app.eventHub('kadetAksAudit', kadetAksAudit);
