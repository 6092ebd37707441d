// One CloudWatch Logs Insights query: StartQuery, then GetQueryResults until it completes.
import type { ResultField } from '@aws-sdk/client-cloudwatch-logs';
import { ReplayError } from '../errors.ts';
import type { TimeRange } from '../time-range.ts';
import { callAws, type AwsLogs } from './aws-client.ts';
import type { AwsLogRecord } from './aws-records.ts';

/** Insights returns at most this many rows per query: a window that reaches it is split and re-queried. */
export const INSIGHTS_LIMIT = 10_000;

/** Only the audit streams, oldest first, with what the adapter and the cursor need. */
export function insightsQuery(limit: number): string {
  return [
    'fields @timestamp, @message, @logStream, @log, @ptr',
    '| filter @logStream like /^kube-apiserver-audit/',
    '| sort @timestamp asc',
    `| limit ${limit}`,
  ].join('\n');
}

/** A row: the log record plus its pointer (the cursor id) and the account from `@log` (`123456789012:/aws/eks/…`). */
export interface InsightsRow extends AwsLogRecord {
  ptr: string;
  account?: string;
}

export interface InsightsQueryOptions {
  logGroup: string;
  /** Row cap of the query (INSIGHTS_LIMIT, the service's maximum). */
  limit: number;
  pollMs: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
}

const FAILED: ReadonlySet<string> = new Set(['Failed', 'Cancelled', 'Timeout', 'Unknown']);

/** Runs the query over `window` (Insights takes whole seconds: the caller trims rows to the window). */
export async function runInsightsQuery(logs: AwsLogs, window: TimeRange, opts: InsightsQueryOptions): Promise<InsightsRow[]> {
  const start = new logs.sdk.StartQueryCommand({
    logGroupName: opts.logGroup,
    startTime: Math.floor(window.startMs / 1000),
    endTime: Math.ceil(window.endMs / 1000),
    queryString: insightsQuery(opts.limit),
    limit: opts.limit,
  });
  const { queryId } = await callAws(logs, `StartQuery ${opts.logGroup}`, (o) => logs.client.send(start, o), opts.signal);
  if (!queryId) throw new ReplayError('aws', `${logs.where} StartQuery returned no queryId`);
  for (;;) {
    const out = await callAws(logs, `GetQueryResults ${queryId}`, (o) => logs.client.send(new logs.sdk.GetQueryResultsCommand({ queryId }), o), opts.signal);
    const status = out.status ?? 'Unknown';
    if (status === 'Complete') return (out.results ?? []).map(toRow);
    if (FAILED.has(status)) throw new ReplayError('aws', `${logs.where} Insights query ${queryId} ended ${status}`);
    await opts.sleep(opts.pollMs, opts.signal);
  }
}

function toRow(fields: ResultField[]): InsightsRow {
  const get = (name: string): string => fields.find((f) => f.field === name)?.value ?? '';
  // Insights prints @timestamp as `2026-11-20 09:14:03.127`, in UTC.
  const timestamp = Date.parse(`${get('@timestamp').replace(' ', 'T')}Z`);
  const account = /^(\d{12}):/.exec(get('@log'))?.[1];
  return { logStream: get('@logStream'), timestamp: Number.isNaN(timestamp) ? 0 : timestamp, message: get('@message'), ptr: get('@ptr'), ...(account !== undefined ? { account } : {}) };
}
