// The inverse of the AKS adapter: wraps audit events as an AKS diagnostic setting writes them to
// Event Hub, for tests and for the sample payloads in events/.
import type { AuditEvent } from '../event/types.ts';

export interface AksRecord {
  time: string;
  resourceId: string;
  category: string;
  operationName: string;
  properties: { log: string; stream: string; pod: string };
}

/** One Event Hub message body. */
export interface AksEventHubBody {
  records: AksRecord[];
}

export interface AksOptions {
  subscription: string;
  resourceGroup: string;
  cluster: string;
  /** `kube-audit` or `kube-audit-admin` (or another category, to build skipped records). */
  category: string;
  /** Name of the apiserver pod; default a realistic one. */
  pod?: string;
}

/** Azure's record time: UTC with 7 fractional digits (`2023-01-10T22:52:33.3677990Z`). */
function recordTime(e: AuditEvent): string {
  const stamp = e.stageTimestamp ?? e.requestReceivedTimestamp;
  const ms = stamp === undefined ? Number.NaN : Date.parse(stamp);
  if (Number.isNaN(ms)) return '1970-01-01T00:00:00.0000000Z';
  const micros = /\.(\d+)/.exec(stamp ?? '')?.[1] ?? '';
  return `${new Date(ms).toISOString().slice(0, 19)}.${micros.padEnd(7, '0').slice(0, 7)}Z`;
}

/** An Event Hub body as AKS writes it: resourceId upper-cased, each Event as a JSON string with a trailing newline. */
export function toAksRecords(events: readonly AuditEvent[], opts: AksOptions): AksEventHubBody {
  const resourceId = [
    '',
    'SUBSCRIPTIONS',
    opts.subscription,
    'RESOURCEGROUPS',
    opts.resourceGroup,
    'PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS',
    opts.cluster,
  ]
    .join('/')
    .toUpperCase();
  return {
    records: events.map((e) => ({
      time: recordTime(e),
      resourceId,
      category: opts.category,
      operationName: 'Microsoft.ContainerService/managedClusters/diagnosticLogs/Read',
      properties: { log: `${JSON.stringify(e)}\n`, stream: 'stdout', pod: opts.pod ?? 'kube-apiserver-68df4876bd-74k6n' },
    })),
  };
}
