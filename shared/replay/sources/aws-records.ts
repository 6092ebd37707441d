// CloudWatch Logs records → the live EKS adapter. Runs of one stream become the DATA_MESSAGE document the
// subscription filter would have delivered, so events, origins and rejects are the Lambda's, byte for byte.
import { EKS_CLOUDWATCH_ADAPTER, parseCloudWatchLogsMessage } from '../../adapters/eks-cloudwatch.ts';
import { emptyResult, type AdapterResult } from '../../adapters/types.ts';
import { mergeResult } from '../page.ts';

/** One log event as FilterLogEvents or an Insights row gives it. */
export interface AwsLogRecord {
  logStream: string;
  timestamp: number;
  message: string;
  /** FilterLogEvents' eventId (Insights does not expose it). */
  eventId?: string;
}

export interface AwsOrigin {
  logGroup: string;
  region: string;
  /** The log group's account, when DescribeLogGroups (or Insights' @log) told us. */
  account?: string;
}

/** Adapts records (in source order) exactly as the eks-cloudwatch Lambda would. */
export function adaptAwsRecords(records: readonly AwsLogRecord[], at: AwsOrigin): AdapterResult {
  const out = emptyResult();
  for (const run of streamRuns(records)) {
    const message = {
      messageType: 'DATA_MESSAGE',
      // The subscription payload's owner is the account; '' keeps the adapter's shape check and is removed below.
      owner: at.account ?? '',
      logGroup: at.logGroup,
      logStream: run[0]!.logStream,
      subscriptionFilters: [],
      logEvents: run.map((r) => (r.eventId === undefined ? { timestamp: r.timestamp, message: r.message } : { id: r.eventId, timestamp: r.timestamp, message: r.message })),
    };
    mergeResult(out, parseCloudWatchLogsMessage(message, { origin: { region: at.region } }, EKS_CLOUDWATCH_ADAPTER));
  }
  if (at.account === undefined) for (const e of out.events) if (e.origin.account === '') delete e.origin.account;
  return out;
}

/** Consecutive records of the same stream, keeping the overall order. */
function streamRuns(records: readonly AwsLogRecord[]): AwsLogRecord[][] {
  const runs: AwsLogRecord[][] = [];
  for (const r of records) {
    const last = runs.at(-1);
    if (last !== undefined && last[0]!.logStream === r.logStream) last.push(r);
    else runs.push([r]);
  }
  return runs;
}
