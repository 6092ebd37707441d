// Every replay source by cloud: a table of lazy loaders, so no SDK (and none of these modules) is loaded
// until `kadet replay <cloud>` actually runs.
import type { RetryOptions } from '../../alerts/retry.ts';
import type { Cloud } from '../errors.ts';
import type { ReplaySource } from '../types.ts';
import type { TokenCredential } from './azure-client.ts';
import type { AksCategory, AzureMode } from './azure-kql.ts';

export type SourceSpec =
  | { cloud: 'aws'; cluster: string; region?: string; insights?: boolean; endpoint?: URL }
  | { cloud: 'gcp'; project: string; cluster?: string; endpoint?: URL }
  | { cloud: 'azure'; workspace: string; cluster?: string; mode: AzureMode; category: AksCategory; chunkMs?: number; endpoint?: URL };

/** What tests (or an embedding program) may supply instead of the defaults. */
export interface SourceDeps {
  /** Azure credential; default DefaultAzureCredential. */
  azureCredential?: TokenCredential;
  /** Backoff for Cloud Logging's RESOURCE_EXHAUSTED. */
  gcpRetry?: Partial<RetryOptions>;
  /** Insights GetQueryResults polling interval. */
  insightsPollMs?: number;
  /** Insights rows per query (default and maximum 10,000). */
  insightsRowLimit?: number;
}

type Opener = (spec: SourceSpec, deps: SourceDeps) => Promise<ReplaySource>;

const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const OPENERS: ReadonlyMap<Cloud, Opener> = new Map<Cloud, Opener>([
  [
    'aws',
    async (s, d) => {
      if (s.cloud !== 'aws') throw new TypeError('aws spec expected');
      const base = defined({ cluster: s.cluster, region: s.region, endpoint: s.endpoint });
      if (!s.insights) return (await import('./aws.ts')).awsSource(base);
      return (await import('./aws-insights.ts')).awsInsightsSource({ ...base, ...defined({ pollMs: d.insightsPollMs, rowLimit: d.insightsRowLimit }) });
    },
  ],
  [
    'gcp',
    async (s, d) => {
      if (s.cloud !== 'gcp') throw new TypeError('gcp spec expected');
      return (await import('./gcp.ts')).gcpSource(defined({ project: s.project, cluster: s.cluster, endpoint: s.endpoint, retry: d.gcpRetry }));
    },
  ],
  [
    'azure',
    async (s, d) => {
      if (s.cloud !== 'azure') throw new TypeError('azure spec expected');
      const { cloud: _, ...rest } = s;
      return (await import('./azure.ts')).azureSource(defined({ ...rest, credential: d.azureCredential }));
    },
  ],
]);

/** Loads the cloud's source module (and its SDK) and builds the source. */
export async function openSource(spec: SourceSpec, deps: SourceDeps = {}): Promise<ReplaySource> {
  return OPENERS.get(spec.cloud)!(spec, deps);
}
