// `kadet replay gcp`: entries.list (getEntries, one page at a time) over the GKE audit logs, oldest first.
// Each page's LogEntries go through the same gke-logentry conversion as the Pub/Sub function.
import type { GetEntriesResponse } from '@google-cloud/logging';
import { gkeLogEntryAdapter } from '../../adapters/gke-logentry.ts';
import type { RetryOptions } from '../../alerts/retry.ts';
import { withBackoff } from '../backoff.ts';
import { buildPage } from '../page.ts';
import type { EndpointOption, PageRequest, ReplayPage, ReplaySource } from '../types.ts';
import { createGcpLogging } from './gcp-client.ts';
import { toLogEntryJson } from './gcp-entry-json.ts';
import { gcpError, isGcpThrottled } from './gcp-errors.ts';
import { checkGcpNames, gkeAuditFilter } from './gcp-filter.ts';

export interface GcpSourceOptions extends EndpointOption {
  project: string;
  cluster?: string;
  /** Entries per page (the API's maximum is 1000). */
  pageSize?: number;
  /** Backoff for RESOURCE_EXHAUSTED, which the client does not retry itself. */
  retry?: Partial<RetryOptions>;
}

type Obj = Record<string, unknown>;

/** Builds the Cloud Logging source. */
export async function gcpSource(opts: GcpSourceOptions): Promise<ReplaySource> {
  checkGcpNames(opts.project, opts.cluster);
  const gcp = await createGcpLogging(opts);
  const scope = opts.cluster !== undefined ? `/${opts.cluster}` : '';
  return {
    cloud: 'gcp',
    id: `gcp:${opts.project}${scope}`,
    label: `project ${opts.project}${opts.cluster !== undefined ? ` cluster ${opts.cluster}` : ''}`,
    async *pages({ range, isDone, signal }: PageRequest): AsyncGenerator<ReplayPage> {
      const filter = gkeAuditFilter(opts.project, range, opts.cluster);
      let pageToken: string | undefined;
      let covered = range.startMs;
      do {
        const request = { resourceNames: [`projects/${opts.project}`], filter, orderBy: 'timestamp asc', pageSize: opts.pageSize ?? 1000, autoPaginate: false, ...(pageToken ? { pageToken } : {}) };
        let response: GetEntriesResponse;
        try {
          response = await withBackoff(() => gcp.logging.getEntries(request), isGcpThrottled, opts.retry, signal);
        } catch (err) {
          throw gcpError(err, `${gcp.where} entries.list`);
        }
        // The raw page (third element) keeps the payload bytes and nanosecond timestamps the Entry objects lose.
        const raw = (response[2] ?? {}) as { entries?: Obj[]; nextPageToken?: string | null };
        const entries = (raw.entries ?? []).map((e) => toLogEntryJson(e, gcp.root));
        pageToken = raw.nextPageToken || undefined;
        covered = pageToken === undefined ? range.endMs : Math.max(covered, timeOf(entries.at(-1)) ?? covered);
        yield buildPage(entries, keyOf, isDone, (fresh) => gkeLogEntryAdapter.parse(fresh, {}), covered);
        if (signal?.aborted) return;
      } while (pageToken !== undefined);
    },
  };
}

const timeOf = (entry: Obj | undefined): number | undefined => {
  const ms = Date.parse(typeof entry?.['timestamp'] === 'string' ? entry['timestamp'] : '');
  return Number.isNaN(ms) ? undefined : ms;
};

const keyOf = (e: Obj): { timeMs: number; id: string } => ({ timeMs: timeOf(e) ?? 0, id: `${String(e['logName'] ?? '')}/${String(e['insertId'] ?? '')}` });
