// `kadet replay gcp`: entries.list (getEntries, one page at a time) over the GKE audit logs, oldest first.
// Each page's LogEntries go through the same gke-logentry conversion as the Pub/Sub function.
import type { GetEntriesResponse } from '@google-cloud/logging';
import { GKE_LOGENTRY_ADAPTER, gkeLogEntryAdapter } from '../../adapters/gke-logentry.ts';
import { makeReject, type Reject } from '../../adapters/reject.ts';
import type { RetryOptions } from '../../alerts/retry.ts';
import { withBackoff } from '../backoff.ts';
import { buildPage } from '../page.ts';
import type { EndpointOption, PageRequest, ReplayPage, ReplaySource } from '../types.ts';
import type { ProtoRoot } from './gcp-audit-proto.ts';
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
        const { entries, invalid } = decodeEntries(raw.entries ?? [], gcp.root, opts.project);
        pageToken = raw.nextPageToken || undefined;
        covered = pageToken === undefined ? range.endMs : Math.max(covered, timeOf(entries.at(-1)) ?? covered);
        yield buildPage(entries, keyOf, isDone, (fresh) => gkeLogEntryAdapter.parse(fresh, {}), covered, invalid);
        if (signal?.aborted) return;
      } while (pageToken !== undefined);
    },
  };
}

/**
 * The page's entries as LogEntry JSON. One that cannot be decoded (`logentry: …`) or has no usable timestamp
 * (`timestamp: …`) becomes a Reject: counted, and never in the cursor (a time of 0 would read as done on resume).
 */
export function decodeEntries(raw: readonly Obj[], root: ProtoRoot, project: string): { entries: Obj[]; invalid: Reject[] } {
  const entries: Obj[] = [];
  const invalid: Reject[] = [];
  raw.forEach((e, record) => {
    const where = { account: project, record };
    const id = { insertId: e['insertId'], logName: e['logName'] };
    let entry: Obj;
    try {
      entry = toLogEntryJson(e, root);
    } catch (err) {
      invalid.push(makeReject(GKE_LOGENTRY_ADAPTER, where, `logentry: cannot decode the entry: ${err instanceof Error ? err.message : String(err)}`, id));
      return;
    }
    if (timeOf(entry) === undefined) invalid.push(makeReject(GKE_LOGENTRY_ADAPTER, where, 'timestamp: the entry has no usable timestamp', entry));
    else entries.push(entry);
  });
  return { entries, invalid };
}

const timeOf = (entry: Obj | undefined): number | undefined => {
  const ms = Date.parse(typeof entry?.['timestamp'] === 'string' ? entry['timestamp'] : '');
  return Number.isNaN(ms) ? undefined : ms;
};

// Only entries with a time reach here (decodeEntries).
const keyOf = (e: Obj): { timeMs: number; id: string } => ({ timeMs: timeOf(e) ?? 0, id: `${String(e['logName'] ?? '')}/${String(e['insertId'] ?? '')}` });
