import { ReplayUsageError } from '../errors.ts';
import { iso, type TimeRange } from '../time-range.ts';

// Project ids: 6-30 lower-case letters, digits, hyphens (legacy ones may have a `domain.com:` prefix).
const PROJECT_ID = /^(?:[a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/;
// GKE cluster names: lower-case letters, digits and hyphens, starting with a letter, at most 40.
const CLUSTER = /^[a-z](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** Checks --project and --cluster, so they are safe to quote into a filter. */
export function checkGcpNames(project: string, cluster?: string): void {
  if (!PROJECT_ID.test(project)) throw new ReplayUsageError('--project', `not a Google Cloud project id: "${project}"`);
  if (cluster !== undefined && !CLUSTER.test(cluster)) throw new ReplayUsageError('--cluster', `not a GKE cluster name: "${cluster}"`);
}

/** The GKE audit entries (Admin Activity and Data Access) of a project, optionally one cluster, in [start, end). */
export function gkeAuditFilter(project: string, range: TimeRange, cluster?: string): string {
  const log = (kind: string): string => `"projects/${project}/logs/cloudaudit.googleapis.com%2F${kind}"`;
  return [
    'resource.type="k8s_cluster"',
    `logName=(${log('activity')} OR ${log('data_access')})`,
    'protoPayload.serviceName="k8s.io"',
    ...(cluster !== undefined ? [`resource.labels.cluster_name="${cluster}"`] : []),
    `timestamp>="${iso(range.startMs)}"`,
    `timestamp<"${iso(range.endMs)}"`,
  ].join(' AND ');
}
