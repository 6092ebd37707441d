// The registered functions through the real Functions Framework server (getTestServer), over HTTP on 127.0.0.1.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { toCloudEvent, toGkeLogEntry, toPubSubPush } from '../../../shared/adapters/gke-envelope.ts';
import { instance } from '../../../functions/gke-pubsub/index.ts';
import { capture, CRB_RULE, crbEvent, failingReceiver, GKE_CLUSTER, TOKEN } from './support.ts';

type Captured = ReturnType<typeof capture>;
const crbEntry = () => toGkeLogEntry(crbEvent(), GKE_CLUSTER);

/** Starts the framework's server for a registered function; returns a POST helper and a closer. */
async function serve(name: string) {
  const server: Server = getTestServer(name);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = (path: string, body: string, headers: Record<string, string>) => fetch(`${base}${path}`, { method: 'POST', body, headers });
  return { base, post, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let push: Awaited<ReturnType<typeof serve>>;
let events: Awaited<ReturnType<typeof serve>>;
let receiver: Awaited<ReturnType<typeof failingReceiver>>;
let c: Captured;

beforeAll(async () => {
  [push, events, receiver] = await Promise.all([serve('kadetPush'), serve('kadetPubSub'), failingReceiver()]);
});
afterAll(() => Promise.all([push.close(), events.close(), receiver.close()]));
beforeEach(() => {
  c = capture();
  instance.reset({ KADET_SINKS: 'stdout' }, c.deps);
  // The framework prints a crashed invocation's stack to stderr; the assertions below read the answer instead.
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

const json = { 'content-type': 'application/json' };

describe('kadetPush (HTTP, Pub/Sub push subscription)', () => {
  it('acks a push body with 200 and the batch summary, and delivers the finding', async () => {
    const res = await push.post('/', JSON.stringify(toPubSubPush(crbEntry(), { messageId: '777' })), json);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, summary: { evaluated: 1, findings: 1, delivered: 1 } });
    expect(c.rules()).toEqual([CRB_RULE]);
    expect(c.findings()[0]!.kadet.origin).toMatchObject({ messageId: '777', cluster: 'gke-prod' });
  });

  it('acks a malformed message with 200 and writes a reject line', async () => {
    const body = toPubSubPush(crbEntry());
    body.message.data = Buffer.from('not json at all').toString('base64');
    const res = await push.post('/', JSON.stringify(body), json);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, summary: { rejected: 1 } });
    expect(c.rejects()).toEqual([expect.objectContaining({ kadet: 'reject', adapter: 'gke-pubsub', reason: expect.stringMatching(/^json: /) })]);
  });

  it('answers 503 when a finding cannot be delivered, with no secret in the answer', async () => {
    instance.reset({ KADET_SINKS: `webhook:${receiver.url}/hook/${TOKEN}` }, c.deps);
    const res = await push.post('/', JSON.stringify(toPubSubPush(crbEntry())), json);
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(text).toMatch(/could not deliver to webhook/);
    expect(text).not.toContain(TOKEN);
  });

  it('answers 500, naming the variable, when the configuration is bad: Pub/Sub keeps the message', async () => {
    instance.reset({ KADET_MIN_PRIORITY: 'loud' }, c.deps);
    const res = await push.post('/', JSON.stringify(toPubSubPush(crbEntry())), json);
    expect(res.status).toBe(500);
    expect(await res.text()).toMatch(/KADET_MIN_PRIORITY/);
    expect(c.out).toEqual([]);
  });

  it('refuses anything but POST with 405 and processes nothing', async () => {
    const res = await fetch(`${push.base}/`);
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
    expect(c.logged).toEqual([]);
  });
});

describe('kadetPubSub (CloudEvent, Eventarc Pub/Sub trigger)', () => {
  it('takes a structured-mode CloudEvent and acks with 2xx', async () => {
    const res = await events.post('/', JSON.stringify(toCloudEvent(crbEntry(), { messageId: '1001' })), { 'content-type': 'application/cloudevents+json' });
    expect(res.status).toBe(204);
    expect(c.rules()).toEqual([CRB_RULE]);
    expect(c.findings()[0]!.kadet.origin).toMatchObject({ messageId: '1001', provider: 'gke' });
  });

  it('takes a binary-mode CloudEvent (ce-* headers, data as the body) and acks with 2xx', async () => {
    const ce = toCloudEvent(crbEntry(), { messageId: '1002' });
    const res = await events.post('/', JSON.stringify(ce.data), {
      ...json,
      'ce-specversion': ce.specversion,
      'ce-type': ce.type,
      'ce-source': ce.source,
      'ce-id': ce.id,
      'ce-time': ce.time,
    });
    expect(res.status).toBe(204);
    expect(c.rules()).toEqual([CRB_RULE]);
    expect(c.findings()[0]!.kadet.origin).toMatchObject({ messageId: '1002' });
  });

  it('takes a raw push body the framework converts to a CloudEvent', async () => {
    const res = await events.post('/projects/acme-prod/topics/kadet-gke-audit', JSON.stringify(toPubSubPush(crbEntry(), { messageId: '1003' })), json);
    expect(res.status).toBe(204);
    expect(c.rules()).toEqual([CRB_RULE]);
  });

  it('acks a malformed event with 2xx and writes a reject line', async () => {
    const ce = toCloudEvent(crbEntry());
    ce.data.message.data = '***';
    const res = await events.post('/', JSON.stringify(ce), { 'content-type': 'application/cloudevents+json' });
    expect(res.status).toBe(204);
    expect(c.rejects()).toHaveLength(1);
  });

  it('fails the invocation (non-2xx) when a finding cannot be delivered, with no secret in the answer', async () => {
    instance.reset({ KADET_SINKS: `webhook:${receiver.url}/hook/${TOKEN}` }, c.deps);
    const res = await events.post('/', JSON.stringify(toCloudEvent(crbEntry())), { 'content-type': 'application/cloudevents+json' });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).toMatch(/could not deliver to webhook/);
    expect(text).not.toContain(TOKEN);
  });
});
