// The Log Analytics query client, loaded only when `kadet replay azure` runs.
import type { LogsQueryClient } from '@azure/monitor-query-logs';
import { checkEndpointTransport, endpointLabel } from '../endpoint.ts';

export type TokenCredential = ConstructorParameters<typeof LogsQueryClient>[0];
type PipelinePolicy = Parameters<LogsQueryClient['pipeline']['addPolicy']>[0];

/** The token scope of the public cloud's Log Analytics API (the client's own default). */
export const LOG_ANALYTICS_SCOPE = 'https://api.loganalytics.io/.default';

export interface AzureClientOptions {
  endpoint?: URL;
  /** A TokenCredential; default DefaultAzureCredential (environment, workload identity, managed identity, az CLI, …). */
  credential?: TokenCredential;
  /** Retries on 429 (honouring Retry-After) and transient failures. */
  maxRetries?: number;
}

export interface AzureLogs {
  client: LogsQueryClient;
  where: string;
}

/** Loads the SDK (and @azure/identity unless a credential is given) and builds the client. */
export async function createAzureLogs(opts: AzureClientOptions): Promise<AzureLogs> {
  const endpoint = opts.endpoint;
  if (endpoint !== undefined) checkEndpointTransport(endpoint, 'the Azure access token');
  const { LogsQueryClient } = await import('@azure/monitor-query-logs');
  const credential = opts.credential ?? new (await import('@azure/identity')).DefaultAzureCredential();
  // The client appends nothing to a custom endpoint: it is the API base, e.g. https://api.loganalytics.io/v1.
  const client = new LogsQueryClient(credential, {
    ...(endpoint !== undefined ? { endpoint: endpoint.href.replace(/\/$/, '') } : {}),
    // Only reachable for a loopback endpoint (checked above): the client refuses http otherwise.
    ...(endpoint?.protocol === 'http:' ? { allowInsecureConnection: true } : {}),
    retryOptions: { maxRetries: opts.maxRetries ?? 6 },
  });
  if (endpoint?.protocol === 'http:') allowLoopbackBearer(client, credential);
  return { client, where: `Log Analytics (${endpointLabel(endpoint, 'https://api.loganalytics.io')})` };
}

/**
 * The SDK's bearer policy refuses any http URL. For a local emulator (loopback only, checked above) it is
 * swapped for one that still takes its token from the same credential, so the credential path stays real.
 */
function allowLoopbackBearer(client: LogsQueryClient, credential: TokenCredential): void {
  const policy: PipelinePolicy = {
    name: 'kadetLoopbackBearerPolicy',
    async sendRequest(request, next) {
      const token = await credential.getToken(LOG_ANALYTICS_SCOPE, { abortSignal: request.abortSignal });
      if (token) request.headers.set('Authorization', `Bearer ${token.token}`);
      return next(request);
    },
  };
  client.pipeline.removePolicy({ name: 'bearerTokenAuthenticationPolicy' });
  client.pipeline.addPolicy(policy);
}
