import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCloudEvent, toGkeLogEntry, toPubSubPush } from '../../../shared/adapters/gke-envelope.ts';
import { UndeliveredError } from '../../../shared/alerts/errors.ts';
import { createRuntime } from '../../../shared/runtime.ts';
import { handlePubSubCloudEvent } from '../../../functions/gke-pubsub/cloud-event.ts';
import { handlePubSubPush, PUSH_ACK, PUSH_RETRY } from '../../../functions/gke-pubsub/push.ts';
import { auditEvent, capture, CRB_RULE, crbEvent, failingReceiver, GKE_CLUSTER, TOKEN } from './support.ts';

const crbEntry = () => toGkeLogEntry(crbEvent(), GKE_CLUSTER);

let receiver: Awaited<ReturnType<typeof failingReceiver>>;
beforeAll(async () => void (receiver = await failingReceiver()));
afterAll(() => receiver.close());

describe('handlePubSubPush', () => {
  it('acks a push body and delivers the finding, traced to the Pub/Sub message and the GKE cluster', async () => {
    const c = capture();
    const answer = await handlePubSubPush(toPubSubPush(crbEntry(), { messageId: '9001' }), await createRuntime({ KADET_SINKS: 'stdout' }, c.deps));
    expect(answer.status).toBe(PUSH_ACK);
    expect(answer.body).toMatchObject({ ok: true, summary: { received: 1, evaluated: 1, findings: 1, delivered: 1, failures: [] } });
    expect(c.rules()).toEqual([CRB_RULE]);
    expect(c.findings()[0]!.kadet.origin).toMatchObject({ provider: 'gke', messageId: '9001', cluster: 'gke-prod', account: 'acme-prod', region: 'europe-west1' });
    expect(c.batches()).toHaveLength(1);
  });

  it('acks a benign event without a finding', async () => {
    const c = capture();
    const benign = auditEvent('290a7571-a321-437c-a89c-0d3c63926f21'); // cronjob-controller creates a Job
    const answer = await handlePubSubPush(toPubSubPush(toGkeLogEntry(benign, GKE_CLUSTER)), await createRuntime({ KADET_SINKS: 'stdout' }, c.deps));
    expect(answer).toMatchObject({ status: PUSH_ACK, body: { ok: true, summary: { evaluated: 1, findings: 0 } } });
    expect(c.out).toEqual([]);
  });

  it.each([
    ['data that is not base64', (b: ReturnType<typeof toPubSubPush>) => void (b.message.data = '%%% not base64 %%%'), /^base64: /],
    ['data that is not JSON', (b: ReturnType<typeof toPubSubPush>) => void (b.message.data = Buffer.from('{oops').toString('base64')), /^json: /],
    ['a message that is not an object', (b: ReturnType<typeof toPubSubPush>) => void Object.assign(b, { message: 'nope' }), /^envelope: /],
  ])('acks and dead-letters %s', async (_name, spoil, reason) => {
    const c = capture();
    const body = toPubSubPush(crbEntry(), { messageId: '31337' });
    spoil(body);
    const answer = await handlePubSubPush(body, await createRuntime({ KADET_SINKS: 'stdout' }, c.deps));
    expect(answer).toMatchObject({ status: PUSH_ACK, body: { ok: true, summary: { rejected: 1, findings: 0 } } });
    expect(c.rejects()).toHaveLength(1);
    expect(c.rejects()[0]).toMatchObject({ kadet: 'reject', adapter: 'gke-pubsub' });
    expect(c.rejects()[0]!['reason']).toMatch(reason);
  });

  it('answers 503 when a finding cannot be delivered, without the secret URL token', async () => {
    const c = capture();
    const rt = await createRuntime({ KADET_SINKS: `webhook:${receiver.url}/hook/${TOKEN}` }, c.deps);
    const answer = await handlePubSubPush(toPubSubPush(crbEntry()), rt);
    expect(answer.status).toBe(PUSH_RETRY);
    expect(answer.body.ok).toBe(false);
    expect(answer.body.error).toMatch(/could not deliver to webhook .*HTTP 500/);
    expect(JSON.stringify(answer)).not.toContain(TOKEN);
    expect(c.logged.join('\n')).not.toContain(TOKEN);
  });
});

describe('handlePubSubCloudEvent', () => {
  it('processes an Eventarc messagePublished event and returns its findings', async () => {
    const c = capture();
    const outcome = await handlePubSubCloudEvent(toCloudEvent(crbEntry(), { messageId: '4242' }), await createRuntime({ KADET_SINKS: 'stdout' }, c.deps));
    expect(outcome.findings.map((f) => f.rule)).toEqual([CRB_RULE]);
    expect(outcome.findings[0]!.kadet.origin).toMatchObject({ provider: 'gke', messageId: '4242', cluster: 'gke-prod' });
    expect(c.rules()).toEqual([CRB_RULE]);
  });

  it('returns (acks) for an event of another type, dead-lettering it', async () => {
    const c = capture();
    const event = { ...toCloudEvent(crbEntry()), type: 'google.cloud.storage.object.v1.finalized' };
    const outcome = await handlePubSubCloudEvent(event, await createRuntime({ KADET_SINKS: 'stdout' }, c.deps));
    expect(outcome.summary).toMatchObject({ rejected: 1, findings: 0 });
    expect(c.rejects()[0]!['reason']).toMatch(/^envelope: type: expected google\.cloud\.pubsub\.topic\.v1\.messagePublished/);
  });

  it('throws UndeliveredError when a finding cannot be delivered, without the secret URL token', async () => {
    const rt = await createRuntime({ KADET_SINKS: `webhook:${receiver.url}/hook/${TOKEN}` }, capture().deps);
    const thrown = await handlePubSubCloudEvent(toCloudEvent(crbEntry()), rt).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(thrown).toBeInstanceOf(UndeliveredError);
    expect((thrown as UndeliveredError).code).toBe('UNDELIVERED');
    expect(String((thrown as Error).message)).not.toContain(TOKEN);
    expect(String((thrown as Error).stack)).not.toContain(TOKEN);
  });
});
