// `kadet replay aws --insights`: CloudWatch Logs Insights for large ranges. The range is cut into windows;
// a window whose answer reaches Insights' 10,000-row cap (or matched more records than it returned) is
// halved and asked again, so nothing is cut off.
// Insights does not expose CloudWatch event ids: origins carry no eventId (the cursor uses @ptr instead).
import { halve, splitRange } from '../chunks.ts';
import { ReplayError, ReplayUsageError } from '../errors.ts';
import { buildPage } from '../page.ts';
import type { TimeRange } from '../time-range.ts';
import type { PageRequest, ReplayPage, ReplaySource } from '../types.ts';
import { createAwsLogs } from './aws-client.ts';
import { INSIGHTS_LIMIT, runInsightsQuery, type InsightsRow } from './aws-insights-query.ts';
import { eksLogGroup, isEksClusterName } from './aws-log-group.ts';
import { adaptAwsRecords } from './aws-records.ts';
import type { AwsSourceOptions } from './aws.ts';

export interface AwsInsightsOptions extends AwsSourceOptions {
  /** First cut of the range; default 1 h. */
  windowMs?: number;
  /** Row cap per query; default (and maximum) INSIGHTS_LIMIT. */
  rowLimit?: number;
  /** GetQueryResults polling interval; default 1 s. */
  pollMs?: number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const sleepFor = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/** Builds the Insights source (no DescribeLogGroups needed: `@log` carries the account). */
export async function awsInsightsSource(opts: AwsInsightsOptions): Promise<ReplaySource> {
  if (!isEksClusterName(opts.cluster)) throw new ReplayUsageError('--cluster', `not an EKS cluster name: "${opts.cluster}"`);
  const logs = await createAwsLogs(opts);
  const logGroup = eksLogGroup(opts.cluster);
  const limit = Math.min(opts.rowLimit ?? INSIGHTS_LIMIT, INSIGHTS_LIMIT);
  const query = { logGroup, limit, pollMs: opts.pollMs ?? 1000, sleep: opts.sleep ?? sleepFor };
  return {
    cloud: 'aws',
    id: `aws-insights:${logs.region}:${logGroup}`,
    label: `${logGroup} (${logs.region}, Insights)`,
    async *pages({ range, isDone, signal }: PageRequest): AsyncGenerator<ReplayPage> {
      const queue: TimeRange[] = splitRange(range, opts.windowMs ?? 3_600_000);
      while (queue.length > 0) {
        const window = queue.shift()!;
        const { rows, invalid, truncated } = await runInsightsQuery(logs, window, { ...query, ...(signal ? { signal } : {}) });
        if (signal?.aborted) return;
        if (truncated) {
          const halves = halve(window);
          if (halves === undefined) throw new ReplayError('aws', `${logs.where}: more than ${limit} audit events in one second at ${new Date(window.startMs).toISOString()}; replay this range without --insights`);
          queue.unshift(...halves);
          continue;
        }
        const inWindow = rows.filter((r) => r.timestamp >= window.startMs && r.timestamp < window.endMs);
        const account = inWindow.find((r) => r.account !== undefined)?.account;
        const at = { logGroup, region: logs.region, ...(account !== undefined ? { account } : {}) };
        yield buildPage(inWindow, keyOf, isDone, (fresh) => adaptAwsRecords(fresh, at), window.endMs, invalid);
      }
    },
  };
}

const keyOf = (r: InsightsRow): { timeMs: number; id: string } => ({ timeMs: r.timestamp, id: r.ptr });
