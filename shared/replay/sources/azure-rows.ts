// Query rows → the diagnostic records an AKS diagnostic setting sends to Event Hub, read by the live AKS adapter.
import { aksEventHubAdapter } from '../../adapters/aks-eventhub.ts';
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

/** Cursor key: TimeGenerated and the record's _ItemId. */
export function azureKey(row: AzureRow): RecordKey {
  const t = row['TimeGenerated'];
  const ms = t instanceof Date ? t.getTime() : Date.parse(typeof t === 'string' ? t : '');
  return { timeMs: Number.isNaN(ms) ? 0 : ms, id: String(row['ItemId'] ?? '') };
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
