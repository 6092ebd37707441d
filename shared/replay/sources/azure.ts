// `kadet replay azure`: KQL over AKSAudit/AKSAuditAdmin or AzureDiagnostics, one time chunk per query.
// Log Analytics has no paging and caps an answer (500,000 rows, ~64 MB, 10 minutes): the range is cut into
// chunks, and a chunk answered only in part is halved and asked again.
import { halve, splitRange } from '../chunks.ts';
import { ReplayError, ReplayUsageError } from '../errors.ts';
import { buildPage } from '../page.ts';
import type { TimeRange } from '../time-range.ts';
import type { EndpointOption, PageRequest, ReplayPage, ReplaySource } from '../types.ts';
import { createAzureLogs, type AzureLogs, type TokenCredential } from './azure-client.ts';
import { azureError } from './azure-errors.ts';
import { aksQuery, checkAksCluster, tableOf, type AzureQuerySpec } from './azure-kql.ts';
import { adaptAzureRows, azureKey, keyedRows, rowsOf, type AzureRow } from './azure-rows.ts';

export interface AzureSourceOptions extends EndpointOption, AzureQuerySpec {
  /** The workspace ID (a GUID). */
  workspace: string;
  /** Time per query; default 1 h. */
  chunkMs?: number;
  /** Smallest chunk a partial answer is halved down to; default 1 min. */
  minChunkMs?: number;
  credential?: TokenCredential;
  maxRetries?: number;
}

export const DEFAULT_CHUNK_MS = 3_600_000;
const WORKSPACE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Builds the Log Analytics source. */
export async function azureSource(opts: AzureSourceOptions): Promise<ReplaySource> {
  if (!WORKSPACE_ID.test(opts.workspace)) throw new ReplayUsageError('--workspace', `expected the workspace ID (a GUID), got "${opts.workspace}"`);
  checkAksCluster(opts.cluster);
  const logs = await createAzureLogs(opts);
  const table = tableOf(opts);
  const what = `${table}${opts.mode === 'azure-diagnostics' ? `/${opts.category}` : ''}`;
  return {
    cloud: 'azure',
    id: `azure:${opts.workspace.toLowerCase()}:${what}${opts.cluster !== undefined ? `/${opts.cluster.toLowerCase()}` : ''}`,
    label: `workspace ${opts.workspace} ${what}${opts.cluster !== undefined ? ` cluster ${opts.cluster}` : ''}`,
    async *pages({ range, isDone, signal }: PageRequest): AsyncGenerator<ReplayPage> {
      const queue = splitRange(range, opts.chunkMs ?? DEFAULT_CHUNK_MS);
      while (queue.length > 0) {
        const chunk = queue.shift()!;
        // The client drops abort signals (LogsQueryClient keeps only requestOptions): Ctrl-C stops after this query.
        const answer = await queryChunk(logs, opts, chunk);
        if (signal?.aborted) return;
        if (answer === 'partial') {
          const halves = halve(chunk, opts.minChunkMs ?? 60_000);
          if (halves === undefined) throw new ReplayError('azure', `${logs.where}: the query for ${new Date(chunk.startMs).toISOString()} is still too large at the smallest chunk; narrow it with --cluster`);
          queue.unshift(...halves);
          continue;
        }
        const { rows, invalid } = keyedRows(answer);
        yield buildPage(rows, azureKey, isDone, (fresh) => adaptAzureRows(fresh, opts.mode, opts.category), chunk.endMs, invalid);
      }
    },
  };
}

/** Rows of one chunk, or 'partial' when the service stopped at a limit. */
async function queryChunk(logs: AzureLogs, opts: AzureSourceOptions, chunk: TimeRange): Promise<AzureRow[] | 'partial'> {
  const timespan = { startTime: new Date(chunk.startMs), endTime: new Date(chunk.endMs) };
  try {
    // Ten minutes is the service's longest query; a chunk that needs more comes back partial and is halved.
    const result = await logs.client.queryWorkspace(opts.workspace, aksQuery(opts, chunk), timespan, { serverTimeoutInSeconds: 600 });
    if (!('tables' in result)) return 'partial';
    return rowsOf(result.tables[0]);
  } catch (err) {
    throw azureError(err, `${logs.where} workspace ${opts.workspace}`);
  }
}
