// `kadet replay aws`: FilterLogEvents over the EKS audit streams, page by page (nextToken), in timestamp order.
import type { FilteredLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { ReplayUsageError } from '../errors.ts';
import { buildPage } from '../page.ts';
import type { EndpointOption, PageRequest, ReplayPage, ReplaySource } from '../types.ts';
import { callAws, createAwsLogs } from './aws-client.ts';
import { eksLogGroup, isEksClusterName, lookupLogGroup } from './aws-log-group.ts';
import { adaptAwsRecords, type AwsLogRecord, type AwsOrigin } from './aws-records.ts';

/** Audit streams are `kube-apiserver-audit-<hex>`; the group's other streams are not audit events. */
export const AUDIT_STREAM_PREFIX = 'kube-apiserver-audit';

export interface AwsSourceOptions extends EndpointOption {
  cluster: string;
  region?: string;
  maxAttempts?: number;
  /** FilterLogEvents `limit` per page; default the service's (up to 10,000 events or 1 MB). */
  pageLimit?: number;
}

/** Builds the FilterLogEvents source: loads the SDK, resolves the region, finds the log group and its account. */
export async function awsSource(opts: AwsSourceOptions): Promise<ReplaySource> {
  if (!isEksClusterName(opts.cluster)) throw new ReplayUsageError('--cluster', `not an EKS cluster name: "${opts.cluster}"`);
  const logs = await createAwsLogs(opts);
  const logGroup = eksLogGroup(opts.cluster);
  const { account } = await lookupLogGroup(logs, logGroup);
  const at: AwsOrigin = { logGroup, region: logs.region, ...(account !== undefined ? { account } : {}) };
  return {
    cloud: 'aws',
    id: `aws:${logs.region}:${logGroup}`,
    label: `${logGroup} (${logs.region})`,
    async *pages({ range, isDone, signal }: PageRequest): AsyncGenerator<ReplayPage> {
      let nextToken: string | undefined;
      let covered = range.startMs;
      do {
        const command = new logs.sdk.FilterLogEventsCommand({
          logGroupName: logGroup,
          logStreamNamePrefix: AUDIT_STREAM_PREFIX,
          startTime: range.startMs,
          // endTime is inclusive; the range is half-open.
          endTime: range.endMs - 1,
          ...(nextToken !== undefined ? { nextToken } : {}),
          ...(opts.pageLimit !== undefined ? { limit: opts.pageLimit } : {}),
        });
        const out = await callAws(logs, `FilterLogEvents ${logGroup}`, (o) => logs.client.send(command, o), signal);
        const records = (out.events ?? []).map(toRecord);
        nextToken = out.nextToken;
        covered = nextToken === undefined ? range.endMs : Math.max(covered, records.at(-1)?.timestamp ?? covered);
        yield buildPage(records, keyOf, isDone, (fresh) => adaptAwsRecords(fresh, at), covered);
      } while (nextToken !== undefined);
    },
  };
}

function toRecord(e: FilteredLogEvent, i: number): AwsLogRecord {
  const timestamp = e.timestamp ?? 0;
  const logStream = e.logStreamName ?? '';
  // FilterLogEvents always sends an eventId; the fallback only keeps the cursor well-defined.
  return { logStream, timestamp, message: e.message ?? '', eventId: e.eventId ?? `${logStream}/${timestamp}/${i}` };
}

const keyOf = (r: AwsLogRecord): { timeMs: number; id: string } => ({ timeMs: r.timestamp, id: r.eventId ?? '' });
