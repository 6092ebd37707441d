// The registered Event Hub function: its registration options, and its handler invoked as the v4 worker would,
// with an InvocationContext carrying trigger metadata (the library's test-mode constructor).
import azureFunctions, { type InvocationContextInit } from '@azure/functions';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { toAksRecords, type AksOptions } from '../../../shared/adapters/aks-envelope.ts';
import { UndeliveredError } from '../../../shared/alerts/errors.ts';
import { EVENTHUB_RETRY, instance, kadetAksAudit } from '../../../functions/aks-eventhub/index.ts';
import { capture, CRB_RULE, crbEvent, failingReceiver, TOKEN } from '../gke-pubsub/support.ts';

// Outside the Functions host the library runs in "test mode" and says so at import; app.eventHub registers nothing.
vi.hoisted(() => vi.spyOn(console, 'warn').mockImplementation(() => undefined));

const AKS: AksOptions = { subscription: 'sub-1', resourceGroup: 'rg', cluster: 'aks-prod', category: 'kube-audit-admin' };
const triggerMetadata = {
  partitionContext: { consumerGroup: 'kadet', eventHubName: 'aks-audit', fullyQualifiedNamespace: 'ns.servicebus.windows.net', partitionId: '0' },
  sequenceNumberArray: [88],
  offsetArray: ['12884901888'],
  enqueuedTimeUtcArray: ['2026-11-20T09:44:17.000Z'],
};
const context = (init: InvocationContextInit = {}) =>
  new azureFunctions.InvocationContext({ functionName: 'kadetAksAudit', triggerMetadata, logHandler: () => undefined, ...init });
const invoke = (messages: unknown, ctx = context()) => Promise.resolve(kadetAksAudit.handler(messages, ctx));

let receiver: Awaited<ReturnType<typeof failingReceiver>>;
let c: ReturnType<typeof capture>;
beforeAll(async () => void (receiver = await failingReceiver()));
afterAll(() => receiver.close());
beforeEach(() => {
  c = capture();
  instance.reset({ KADET_SINKS: 'stdout' }, c.deps);
});

describe('kadetAksAudit registration', () => {
  it('binds the trigger to app settings by name, in batches, with an exponential retry policy', () => {
    expect(kadetAksAudit).toMatchObject({
      connection: 'KADET_EVENTHUB_CONNECTION',
      eventHubName: '%KADET_EVENTHUB_NAME%',
      consumerGroup: '%KADET_EVENTHUB_CONSUMER_GROUP%',
      cardinality: 'many',
      retry: { strategy: 'exponentialBackoff', maxRetryCount: 10, minimumInterval: { seconds: 5 }, maximumInterval: { minutes: 5 } },
    });
    expect(kadetAksAudit.retry).toBe(EVENTHUB_RETRY);
  });
});

describe('kadetAksAudit handler', () => {
  it('delivers the finding with the Event Hub origin coordinates from the trigger metadata', async () => {
    await invoke([toAksRecords([crbEvent()], AKS)]);
    expect(c.rules()).toEqual([CRB_RULE]);
    expect(c.findings()[0]!.kadet.origin).toMatchObject({ provider: 'aks', cluster: 'aks-prod', partition: '0', sequenceNumber: '88', offset: '12884901888' });
    expect(c.batches()).toEqual([expect.objectContaining({ evaluated: 1, findings: 1, delivered: 1 })]);
  });

  it('completes (so the checkpoint moves on) for a malformed message, dead-lettering it', async () => {
    await invoke([{ notRecords: true }]);
    expect(c.rejects()).toEqual([expect.objectContaining({ adapter: 'aks-eventhub', reason: expect.stringMatching(/^envelope: expected \{records/) })]);
    expect(c.rejects()[0]!['where']).toMatchObject({ partition: '0', sequenceNumber: '88' });
  });

  it('throws when a finding cannot be delivered, so the retry policy re-runs the batch; no secret in the error', async () => {
    instance.reset({ KADET_SINKS: `webhook:${receiver.url}/hook/${TOKEN}` }, c.deps);
    const thrown = await invoke([toAksRecords([crbEvent()], AKS)]).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(thrown).toBeInstanceOf(UndeliveredError);
    expect(`${(thrown as Error).message}${(thrown as Error).stack}`).not.toContain(TOKEN);
    expect(c.logged.some((l) => l.includes('"kadet":"dropped"'))).toBe(false);
  });

  it('logs what is dropped when the last retry fails too, then still throws', async () => {
    instance.reset({ KADET_SINKS: `webhook:${receiver.url}/hook/${TOKEN}` }, c.deps);
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    try {
      const last = context({ retryContext: { retryCount: 10, maxRetryCount: 10 } });
      await expect(invoke([toAksRecords([crbEvent()], AKS)], last)).rejects.toBeInstanceOf(UndeliveredError);
    } finally {
      log.mockRestore();
    }
    const dropped = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((r) => r['kadet'] === 'dropped');
    expect(dropped).toEqual([expect.objectContaining({ severity: 'ERROR', partition: '0', sequenceNumbers: [88] })]);
    expect(lines.join('\n')).not.toContain(TOKEN);
  });

  it('fails, naming the variable, when the app settings are invalid', async () => {
    instance.reset({ KADET_RULE_MATCHING: 'some' }, c.deps);
    await expect(invoke([toAksRecords([crbEvent()], AKS)])).rejects.toThrow(/^KADET_RULE_MATCHING: /);
  });
});
