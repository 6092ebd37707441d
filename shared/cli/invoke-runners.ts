// How `kadet invoke` runs each deployed function's real entry point with a synthetic platform context.
// The function modules (and their cloud SDKs) load only when invoked, so the rest of the CLI stays light.
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { InvocationContext as AzureInvocationContext } from '@azure/functions';
import { isObject, own } from '../event/own.ts';

/** What the platform would have received back (or the error it would have seen). */
export type PlatformResponse = unknown;

/** Runs one function on a payload read from a file; throws what the function throws. */
export type Runner = (payload: unknown) => Promise<PlatformResponse>;

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';

/** A Lambda context like `sam local invoke` builds. */
function lambdaContext(name: string) {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: `local/[$LATEST]${randomUUID().replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** A structured-mode CloudEvent carries specversion; anything else is a Pub/Sub push body. */
const isCloudEvent = (p: unknown): boolean => isObject(p) && own(p, 'specversion') !== undefined;

async function runGke(payload: unknown): Promise<PlatformResponse> {
  await import('../../functions/gke-pubsub/index.ts');
  const { getFunction, getTestServer } = await import('@google-cloud/functions-framework/testing');
  if (isCloudEvent(payload)) {
    const fn = getFunction('kadetPubSub') as ((event: unknown) => Promise<void>) | undefined;
    if (!fn) throw new Error('kadetPubSub is not registered');
    await fn(payload);
    return { acknowledged: true };
  }
  // The push function is an Express handler: serve it on loopback and POST, as Pub/Sub would.
  const server = getTestServer('kadetPush');
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    return { status: res.status, body: (await res.json()) as unknown };
  } finally {
    server.close();
  }
}

async function runAks(payload: unknown): Promise<PlatformResponse> {
  const { kadetAksAudit } = await import('../../functions/aks-eventhub/index.ts');
  // A CommonJS package: depending on the loader its classes arrive as named exports or on `default`.
  const azure = (await import('@azure/functions')) as unknown as { InvocationContext?: unknown; default?: { InvocationContext?: unknown } };
  const InvocationContext = (azure.InvocationContext ?? azure.default?.InvocationContext) as typeof AzureInvocationContext;
  // With cardinality many the host hands an array of messages and metadata arrays aligned with them.
  const messages = Array.isArray(payload) ? payload : [payload];
  const now = new Date().toISOString();
  const triggerMetadata = {
    partitionContext: { partitionId: '0', eventHubName: 'kadet-audit', consumerGroup: 'kadet' },
    sequenceNumberArray: messages.map((_, i) => i + 1),
    offsetArray: messages.map((_, i) => String(i * 4096)),
    enqueuedTimeUtcArray: messages.map(() => now),
  };
  const context = new InvocationContext({ invocationId: randomUUID(), functionName: 'kadetAksAudit', triggerMetadata });
  await kadetAksAudit.handler(messages, context);
  return { status: 'succeeded' };
}

/** Every function `kadet invoke` can run: adding one is one line. */
export const RUNNERS: ReadonlyMap<string, Runner> = new Map<string, Runner>([
  ['eks-cloudwatch', async (p) => (await import('../../functions/eks-cloudwatch/handler.ts')).createEksHandler()(p, lambdaContext('kadet-eks-cloudwatch') as never)],
  ['onprem-webhook', async (p) => (await import('../../functions/onprem-webhook/handler.ts')).createWebhookHandler()(p as never, lambdaContext('kadet-onprem-webhook') as never)],
  ['gke-pubsub', runGke],
  ['aks-eventhub', runAks],
]);
