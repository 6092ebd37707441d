import { aksEventHubAdapter } from './aks-eventhub.ts';
import { eksCloudWatchAdapter } from './eks-cloudwatch.ts';
import { eksKinesisAdapter } from './eks-kinesis.ts';
import { gkeLogEntryAdapter } from './gke-logentry.ts';
import { gkePubSubAdapter } from './gke-pubsub.ts';
import type { Adapter } from './types.ts';
import { webhookEventListAdapter } from './webhook-eventlist.ts';

/**
 * Every payload adapter by name. Insertion order is the order `sniff` tries them: most specific shape
 * first, so a loose match (a bare Event for the webhook) never shadows an envelope that contains one.
 *   1. eks-kinesis        {Records:[{eventSource:'aws:kinesis', kinesis}]}
 *   2. eks-cloudwatch     {awslogs:{data}}
 *   3. gke-pubsub         Pub/Sub push body or Eventarc CloudEvent {message:{data, messageId}}
 *   4. gke-logentry       a Cloud Audit Logs LogEntry {protoPayload, resource, …}
 *   5. aks-eventhub       {records:[{category, …}]} or an array of them
 *   6. webhook-eventlist  EventList, an Event, or an array of Events
 * The streaming log-file reader (logfile/) is not a payload adapter and is not listed.
 */
export const ADAPTERS: ReadonlyMap<string, Adapter> = new Map<string, Adapter>([
  [eksKinesisAdapter.name, eksKinesisAdapter],
  [eksCloudWatchAdapter.name, eksCloudWatchAdapter],
  [gkePubSubAdapter.name, gkePubSubAdapter],
  [gkeLogEntryAdapter.name, gkeLogEntryAdapter],
  [aksEventHubAdapter.name, aksEventHubAdapter],
  [webhookEventListAdapter.name, webhookEventListAdapter],
]);

/** The first adapter, in ADAPTERS order, whose shape matches the payload; undefined for anything else. */
export function sniff(payload: unknown): Adapter | undefined {
  for (const adapter of ADAPTERS.values()) if (adapter.matches(payload)) return adapter;
  return undefined;
}
