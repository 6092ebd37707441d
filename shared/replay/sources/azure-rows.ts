// Query rows → the diagnostic records an AKS diagnostic setting sends to Event Hub, read by the live AKS adapter.
import { AKS_EVENTHUB_ADAPTER, aksEventHubAdapter } from '../../adapters/aks-eventhub.ts';
import { makeReject, type Reject } from '../../adapters/reject.ts';
import type { AdapterResult } from '../../adapters/types.ts';
import type { RecordKey } from '../cursor.ts';
import { aksAuditRowToEvent } from './azure-columns.ts';
import type { AksCategory, AzureMode } from './azure-kql.ts';

export type AzureRow = Readonly<Record<string, unknown>>;

/** A result table as the client returns it. */
export interface AzureTable {
  columnDescriptors: readonly { name?: string }[];
  rows: readonly (readonly unknown[])[];
}

/** Rows as objects keyed by column name. */
export function rowsOf(table: AzureTable | undefined): AzureRow[] {
  if (table === undefined) return [];
  const names = table.columnDescriptors.map((c) => c.name ?? '');
  return table.rows.map((r) => Object.fromEntries(names.map((n, i) => [n, r[i]])));
}

const timeOf = (row: AzureRow): number => {
  const t = row['TimeGenerated'];
  return t instanceof Date ? t.getTime() : Date.parse(typeof t === 'string' ? t : '');
};

/** Cursor key: TimeGenerated and the record's _ItemId (only for rows `keyedRows` kept). */
export function azureKey(row: AzureRow): RecordKey {
  const ms = timeOf(row);
  return { timeMs: Number.isNaN(ms) ? 0 : ms, id: String(row['ItemId'] ?? '') };
}

/**
 * Rows with a usable TimeGenerated, and a Reject (`timestamp: …`) for each other one: counted, and never in
 * the cursor (a time of 0 would read as done on resume).
 */
export function keyedRows(rows: readonly AzureRow[]): { rows: AzureRow[]; invalid: Reject[] } {
  const out: { rows: AzureRow[]; invalid: Reject[] } = { rows: [], invalid: [] };
  rows.forEach((row, record) => {
    if (!Number.isNaN(timeOf(row))) return void out.rows.push(row);
    const resourceId = row['ResourceId'];
    out.invalid.push(makeReject(AKS_EVENTHUB_ADAPTER, { ...(typeof resourceId === 'string' ? { resourceId } : {}), record }, 'timestamp: the row has no usable TimeGenerated', row));
  });
  return out;
}

/** Adapts rows as the Event Hub function would adapt the same records. */
export function adaptAzureRows(rows: readonly AzureRow[], mode: AzureMode, category: AksCategory): AdapterResult {
  const records = rows.map((row) => ({
    category: mode === 'azure-diagnostics' ? row['Category'] : category,
    resourceId: row['ResourceId'],
    // AzureDiagnostics keeps the Event Hub record's properties.log as log_s; AKSAudit split it into columns.
    properties: { log: mode === 'azure-diagnostics' ? row['log_s'] : aksAuditRowToEvent(row) },
  }));
  return aksEventHubAdapter.parse({ records }, {});
}
