import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toAksRecords, type AksOptions } from '../../../shared/adapters/aks-envelope.ts';
import { UndeliveredError } from '../../../shared/alerts/errors.ts';
import { createRuntime } from '../../../shared/runtime.ts';
import { handleEventHubBatch } from '../../../functions/aks-eventhub/batch.ts';
// The sample-story events, output capture and local receivers are shared with the gke-pubsub function tests.
import { auditEvent, capture, CRB_RULE, crbEvent, failingReceiver, TOKEN } from '../gke-pubsub/support.ts';

const SUB = '0b1f6471-1bf0-4dda-aec3-cb9272f09590';
const AKS: AksOptions = { subscription: SUB, resourceGroup: 'rg-prod', cluster: 'aks-prod', category: 'kube-audit' };
const benign = () => auditEvent('290a7571-a321-437c-a89c-0d3c63926f21'); // cronjob-controller creates a Job
const meta = { partitionContext: { partitionId: '7' }, sequenceNumberArray: [500, 501], offsetArray: ['8589934592', '8589935616'] };

let receiver: Awaited<ReturnType<typeof failingReceiver>>;
beforeAll(async () => void (receiver = await failingReceiver()));
afterAll(() => receiver.close());

describe('handleEventHubBatch', () => {
  it('finds the attack in a batch and traces each finding to its partition, sequence number and offset', async () => {
    const c = capture();
    const messages = [toAksRecords([benign()], AKS), toAksRecords([benign(), crbEvent()], AKS)];
    const outcome = await handleEventHubBatch(messages, meta, await createRuntime({ KADET_SINKS: 'stdout' }, c.deps));
    expect(outcome.summary).toMatchObject({ received: 3, evaluated: 3, rejected: 0, findings: 1, delivered: 1 });
    expect(c.rules()).toEqual([CRB_RULE]);
    expect(c.findings()[0]!.kadet.origin).toMatchObject({
      provider: 'aks',
      cluster: 'aks-prod',
      account: SUB,
      resourceGroup: 'rg-prod',
      partition: '7',
      sequenceNumber: '501',
      offset: '8589935616',
    });
  });

  it('dead-letters a malformed message and still succeeds with the rest of the batch', async () => {
    const c = capture();
    const messages = ['{"records": [ oops', toAksRecords([crbEvent()], AKS)];
    const outcome = await handleEventHubBatch(messages, meta, await createRuntime({ KADET_SINKS: 'stdout' }, c.deps));
    expect(outcome.summary).toMatchObject({ rejected: 1, evaluated: 1, findings: 1 });
    expect(c.rejects()).toEqual([expect.objectContaining({ kadet: 'reject', adapter: 'aks-eventhub', reason: expect.stringMatching(/^json: /) })]);
    expect(c.rejects()[0]!['where']).toMatchObject({ partition: '7', sequenceNumber: '500', offset: '8589934592' });
    expect(c.findings()[0]!.kadet.origin).toMatchObject({ sequenceNumber: '501' });
  });

  it('skips other diagnostic categories on the hub', async () => {
    const c = capture();
    const messages = [toAksRecords([crbEvent()], { ...AKS, category: 'kube-apiserver' })];
    const outcome = await handleEventHubBatch(messages, undefined, await createRuntime({ KADET_SINKS: 'stdout' }, c.deps));
    expect(outcome.summary).toMatchObject({ received: 1, skipped: 1, evaluated: 0, findings: 0 });
  });

  it('throws UndeliveredError when a finding cannot be delivered, without the secret URL token', async () => {
    const c = capture();
    const rt = await createRuntime({ KADET_SINKS: `webhook:${receiver.url}/hook/${TOKEN}` }, c.deps);
    const thrown = await handleEventHubBatch([toAksRecords([crbEvent()], AKS)], meta, rt).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(thrown).toBeInstanceOf(UndeliveredError);
    expect((thrown as Error).message).toMatch(/could not deliver to webhook .*HTTP 500/);
    expect(`${(thrown as Error).message}\n${(thrown as Error).stack}\n${c.logged.join('\n')}`).not.toContain(TOKEN);
  });
});
