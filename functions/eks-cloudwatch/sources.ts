import { eksCloudWatchAdapter } from '../../shared/adapters/eks-cloudwatch.ts';
import { eksKinesisAdapter, parseKinesisRecords } from '../../shared/adapters/eks-kinesis.ts';
import { emptyResult, type AdapterContext, type AdapterResult } from '../../shared/adapters/types.ts';
import { UndeliveredError } from '../../shared/alerts/errors.ts';
import type { BatchOutcome, BatchSummary, Runtime } from '../../shared/runtime.ts';
import { singleCluster } from '../aws/metrics.ts';
import { sumSummaries } from './summary.ts';

/** Lambda's answer for a Kinesis batch: the records to hand again (ReportBatchItemFailures). */
export interface KinesisBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/** What one invocation did, whatever the trigger. */
export interface SourceRun {
  summary: BatchSummary;
  cluster: string | undefined;
  /** The handler's return value. */
  response: KinesisBatchResponse | undefined;
  /** Set when the invocation must fail so Lambda's async retry redelivers it. */
  error: Error | undefined;
  properties: Record<string, unknown>;
}

/** One trigger shape the function accepts. */
export interface EventSource {
  matches(event: unknown): boolean;
  run(event: unknown, runtime: Runtime, ctx: AdapterContext): Promise<SourceRun>;
}

/** Kinesis records evaluated at once: enough to drain a batch, few enough not to flood the sinks. */
const KINESIS_CONCURRENCY = 4;

/**
 * Kinesis: each record is processed on its own, so a record whose findings could not be delivered is
 * named in batchItemFailures and only it (and, as Lambda does, what follows it) is redelivered. A record
 * that does not decode is a logged reject, never a failure: retrying cannot fix it.
 */
async function runKinesis(event: unknown, runtime: Runtime, ctx: AdapterContext): Promise<SourceRun> {
  const started = performance.now();
  const batch = parseKinesisRecords(event, ctx);
  const outcomes = await mapLimit(batch.records, KINESIS_CONCURRENCY, async (r) => ({ seq: r.sequenceNumber, outcome: await runtime.process(r.result) }));
  const unidentified: BatchOutcome[] = batch.rejects.length === 0 ? [] : [await runtime.process({ ...emptyResult(), rejects: batch.rejects })];
  const failed = outcomes.filter((o) => o.outcome.undelivered).map((o) => o.seq);
  const summary = sumSummaries([...outcomes.map((o) => o.outcome.summary), ...unidentified.map((o) => o.summary)], Math.round(performance.now() - started));
  return {
    summary,
    cluster: singleCluster(batch.records.flatMap((r) => r.result.events)),
    response: { batchItemFailures: failed.map((itemIdentifier) => ({ itemIdentifier })) },
    error: undefined,
    properties: { records: batch.records.length + batch.rejects.length, failedRecords: failed.length },
  };
}

/**
 * CloudWatch Logs subscription (and anything unrecognised, which the adapter turns into a logged reject).
 * Lambda invokes it asynchronously: failing the invocation is the only way to get it delivered again.
 */
async function runSubscription(event: unknown, runtime: Runtime, ctx: AdapterContext): Promise<SourceRun> {
  const result: AdapterResult = eksCloudWatchAdapter.parse(event, ctx);
  const { summary, undelivered } = await runtime.process(result);
  const error = undelivered ? new UndeliveredError(summary.failures.map((f) => ({ sink: f.target, error: new Error(f.error) }))) : undefined;
  return { summary, cluster: singleCluster(result.events), response: undefined, error, properties: {} };
}

/** Trigger shapes by name, tried in order; the last one takes whatever is left. */
export const EVENT_SOURCES: ReadonlyMap<string, EventSource> = new Map<string, EventSource>([
  ['kinesis', { matches: eksKinesisAdapter.matches, run: runKinesis }],
  ['cloudwatch-logs', { matches: () => true, run: runSubscription }],
]);

/** The source for an event, with its name. */
export function sourceOf(event: unknown): [string, EventSource] {
  for (const entry of EVENT_SOURCES) if (entry[1].matches(event)) return entry;
  throw new Error('unreachable: the cloudwatch-logs source matches everything');
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
