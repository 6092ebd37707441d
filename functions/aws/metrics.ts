import type { CanonicalEvent } from '../../shared/event/types.ts';
import { batchMetricsLine } from '../../shared/metrics/emf.ts';
import type { BatchSummary } from '../../shared/runtime.ts';
import type { InvocationContext } from './lambda-context.ts';

export interface InvocationFacts {
  context: Partial<InvocationContext>;
  /** The one cluster the batch came from; a batch mixing clusters is published per function only. */
  cluster?: string | undefined;
  /** Which trigger shape arrived (cloudwatch-logs, kinesis, apigateway-v1, …). */
  source: string;
  /** Further searchable fields (failed Kinesis records, HTTP status). */
  properties?: Readonly<Record<string, unknown>>;
}

/** The EMF line for one invocation: namespace Kadet, dimensions FunctionName and (when single) Cluster. */
export function invocationMetricsLine(summary: BatchSummary, facts: InvocationFacts, now = Date.now()): string {
  const dimensions: Record<string, string> = { FunctionName: facts.context.functionName ?? 'unknown' };
  if (facts.cluster !== undefined) dimensions['Cluster'] = facts.cluster;
  return batchMetricsLine(summary, {
    dimensions,
    timestamp: now,
    properties: { kadet: 'metrics', source: facts.source, ...(facts.context.awsRequestId === undefined ? {} : { requestId: facts.context.awsRequestId }), ...facts.properties },
  });
}

/** The cluster every event names, or undefined when none does or they differ. */
export function singleCluster(events: Iterable<CanonicalEvent>): string | undefined {
  let cluster: string | undefined;
  for (const e of events) {
    const c = e.origin.cluster;
    if (c === undefined || (cluster !== undefined && c !== cluster)) return undefined;
    cluster = c;
  }
  return cluster;
}
