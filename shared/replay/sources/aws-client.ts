// The CloudWatch Logs client, loaded only when `kadet replay aws` runs (never by `kadet scan` or a function bundle).
import type * as CloudWatchLogs from '@aws-sdk/client-cloudwatch-logs';
import { checkEndpointTransport, endpointLabel } from '../endpoint.ts';
import { ReplayUsageError } from '../errors.ts';
import { awsError } from './aws-errors.ts';

export type CloudWatchLogsSdk = typeof CloudWatchLogs;

export interface AwsClientOptions {
  region?: string;
  endpoint?: URL;
  /** Attempts per request, the first included; the SDK backs off on throttling between them. */
  maxAttempts?: number;
}

/** A ready client: the SDK module, the resolved region, and `send` that maps errors to ReplayErrors. */
export interface AwsLogs {
  sdk: CloudWatchLogsSdk;
  client: CloudWatchLogs.CloudWatchLogsClient;
  region: string;
  /** "CloudWatch Logs eu-west-1 (https://…)" for messages. */
  where: string;
}

/** Replays run for minutes and FilterLogEvents is rate-limited per account: retry throttling generously. */
export const AWS_MAX_ATTEMPTS = 10;

/** Loads the SDK and builds a client with the standard credential chain; fails early without a region. */
export async function createAwsLogs(opts: AwsClientOptions): Promise<AwsLogs> {
  if (opts.endpoint !== undefined) checkEndpointTransport(opts.endpoint, 'the AWS request signature and session token');
  const sdk = await import('@aws-sdk/client-cloudwatch-logs');
  const client = new sdk.CloudWatchLogsClient({
    ...(opts.region !== undefined ? { region: opts.region } : {}),
    ...(opts.endpoint !== undefined ? { endpoint: opts.endpoint.href } : {}),
    maxAttempts: opts.maxAttempts ?? AWS_MAX_ATTEMPTS,
    retryMode: 'standard',
  });
  let region: string;
  try {
    region = await client.config.region();
  } catch {
    region = '';
  }
  if (!region) throw new ReplayUsageError('--region', 'no AWS region: pass --region, or set AWS_REGION or a region in your AWS profile');
  return { sdk, client, region, where: `CloudWatch Logs ${region} (${endpointLabel(opts.endpoint, `logs.${region}.amazonaws.com`)})` };
}

/** Runs one SDK call (`send` with the abort signal); SDK errors come back as ReplayErrors naming `what`, credentials hidden. */
export async function callAws<O>(logs: AwsLogs, what: string, call: (options: { abortSignal?: AbortSignal }) => Promise<O>, signal?: AbortSignal): Promise<O> {
  try {
    return await call(signal ? { abortSignal: signal } : {});
  } catch (err) {
    throw awsError(err, `${logs.where} ${what}`, await credentialValues(logs, err));
  }
}

// The chain found nothing: asking it again would only repeat the failure (and its metadata-service timeouts).
const NO_CREDENTIALS: ReadonlySet<string> = new Set(['CredentialsProviderError', 'TokenProviderError', 'AbortError']);

/** The key id, secret and session token the client signs with (memoized by the SDK), to hide from messages. */
async function credentialValues(logs: AwsLogs, err: unknown): Promise<string[]> {
  const name = (err as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && NO_CREDENTIALS.has(name)) return [];
  try {
    const id = await logs.client.config.credentials();
    return [id.accessKeyId, id.secretAccessKey, id.sessionToken ?? ''].filter((v) => v !== '');
  } catch {
    return [];
  }
}
