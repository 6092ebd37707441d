// The KQL for one chunk. Datetimes are returned as strings (`tostring`): the client turns datetime columns
// into JS Dates, which keep milliseconds only, and audit timestamps have microseconds.
import { ReplayUsageError } from '../errors.ts';
import { iso, type TimeRange } from '../time-range.ts';

/** Diagnostic-setting destination mode: resource-specific tables (AKSAudit…) or the legacy AzureDiagnostics table. */
export type AzureMode = 'resource-specific' | 'azure-diagnostics';
export type AksCategory = 'kube-audit' | 'kube-audit-admin';

export interface AzureQuerySpec {
  mode: AzureMode;
  category: AksCategory;
  cluster?: string;
}

// AKS cluster names: letters, digits, underscores and hyphens, 1-63 characters.
const CLUSTER = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

/** Checks --cluster, so it is safe to quote into KQL. */
export function checkAksCluster(cluster: string | undefined): void {
  if (cluster !== undefined && !CLUSTER.test(cluster)) throw new ReplayUsageError('--cluster', `not an AKS cluster name: "${cluster}"`);
}

/** The table a spec reads: AKSAudit / AKSAuditAdmin, or AzureDiagnostics. */
export function tableOf(spec: AzureQuerySpec): string {
  if (spec.mode === 'azure-diagnostics') return 'AzureDiagnostics';
  return spec.category === 'kube-audit-admin' ? 'AKSAuditAdmin' : 'AKSAudit';
}

const AKS_AUDIT_COLUMNS =
  'Level, AuditId, Stage, RequestUri, Verb, User, SourceIps, UserAgent, ObjectRef, ResponseStatus, RequestObject, ResponseObject, ' +
  'RequestReceivedTime = tostring(RequestReceivedTime), StageReceivedTime = tostring(StageReceivedTime), Annotations';

/** KQL for [start, end) of one chunk, oldest first (TimeGenerated, then _ItemId, so the order is total). */
export function aksQuery(spec: AzureQuerySpec, range: TimeRange): string {
  const lines = [tableOf(spec), `| where TimeGenerated >= datetime(${iso(range.startMs)}) and TimeGenerated < datetime(${iso(range.endMs)})`];
  if (spec.mode === 'azure-diagnostics') lines.push(`| where Category == "${spec.category}"`);
  if (spec.cluster !== undefined) lines.push(`| where _ResourceId endswith "/managedclusters/${spec.cluster}"`);
  lines.push('| sort by TimeGenerated asc, _ItemId asc');
  const common = 'TimeGenerated = tostring(TimeGenerated), ItemId = tostring(_ItemId), ResourceId = _ResourceId';
  lines.push(spec.mode === 'azure-diagnostics' ? `| project ${common}, Category, log_s` : `| project ${common}, ${AKS_AUDIT_COLUMNS}`);
  return lines.join('\n');
}
