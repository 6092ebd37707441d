// One CloudWatch Logs Insights query: StartQuery, then GetQueryResults until it completes.
import type { ResultField } from '@aws-sdk/client-cloudwatch-logs';
import { EKS_CLOUDWATCH_ADAPTER } from '../../adapters/eks-cloudwatch.ts';
import { makeReject, type Reject } from '../../adapters/reject.ts';
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

/** A completed query's answer. */
export interface InsightsAnswer {
  rows: InsightsRow[];
  /** Rows without a usable @timestamp: rejected (`timestamp: …`), never in the cursor. */
  invalid: Reject[];
  /** The answer may not hold every matching row (it reached the cap, or more records matched than came back). */
  truncated: boolean;
}

/** Runs the query over `window` (Insights takes whole seconds: the caller trims rows to the window). */
export async function runInsightsQuery(logs: AwsLogs, window: TimeRange, opts: InsightsQueryOptions): Promise<InsightsAnswer> {
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
    if (status === 'Complete') {
      const results = out.results ?? [];
      // GetQueryResults has no paging: more matches than rows (or a nextToken, in API versions that send one) means a cut answer.
      const truncated = results.length >= opts.limit || (out.statistics?.recordsMatched ?? 0) > results.length || typeof (out as { nextToken?: unknown }).nextToken === 'string';
      const answer: InsightsAnswer = { rows: [], invalid: [], truncated };
      for (const fields of results) {
        const row = toRow(fields, opts.logGroup, logs.region);
        if ('reason' in row) answer.invalid.push(row);
        else answer.rows.push(row);
      }
      return answer;
    }
    if (FAILED.has(status)) throw new ReplayError('aws', `${logs.where} Insights query ${queryId} ended ${status}`);
    await opts.sleep(opts.pollMs, opts.signal);
  }
}

function toRow(fields: ResultField[], logGroup: string, region: string): InsightsRow | Reject {
  const get = (name: string): string => fields.find((f) => f.field === name)?.value ?? '';
  // Insights prints @timestamp as `2026-11-20 09:14:03.127`, in UTC.
  const printed = get('@timestamp');
  const timestamp = Date.parse(`${printed.replace(' ', 'T')}Z`);
  if (Number.isNaN(timestamp)) {
    const where = { region, logGroup, ...(get('@logStream') !== '' ? { logStream: get('@logStream') } : {}) };
    return makeReject(EKS_CLOUDWATCH_ADAPTER, where, `timestamp: Insights row has no usable @timestamp (${JSON.stringify(printed.slice(0, 40))})`, get('@message'));
  }
  const account = /^(\d{12}):/.exec(get('@log'))?.[1];
  return { logStream: get('@logStream'), timestamp, message: get('@message'), ptr: get('@ptr'), ...(account !== undefined ? { account } : {}) };
}
