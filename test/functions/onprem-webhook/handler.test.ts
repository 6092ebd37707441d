import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toEventList } from '../../../shared/adapters/webhook-eventlist.ts';
import type { AuditEvent } from '../../../shared/event/types.ts';
import { createWebhookHandler } from '../../../functions/onprem-webhook/handler.ts';
import { ATTACK_RULE, attackEvent, benignEvent, capture, failingSink, URL_SECRET } from '../../webhook/support.ts';
import { lambdaContext } from '../aws/support.ts';
import { httpApiEvent, restEvent } from './events.ts';

const TOKEN = 'kadet-test-token-0123456789abcdef';
const context = lambdaContext({ functionName: 'kadet-webhook', invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:kadet-webhook' });
const fresh = (e: AuditEvent, id: string): AuditEvent => ({ ...structuredClone(e), auditID: id });
const list = (...events: AuditEvent[]): string => JSON.stringify(toEventList(events));
const auth = { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` };

function setup(env: Record<string, string> = {}) {
  const cap = capture();
  const lookups: string[] = [];
  const resolver = { resolve: async (store: string, id: string) => (lookups.push(`${store}:${id}`), TOKEN) };
  const handler = createWebhookHandler({ env: { KADET_SINKS: 'stdout', KADET_WEBHOOK_TOKEN: 'env:AUDIT_TOKEN', AUDIT_TOKEN: TOKEN, ...env }, deps: { log: cap.log, write: cap.write, resolver } });
  return { cap, handler, lookups };
}
const message = (body: string): string => (JSON.parse(body) as { message: string }).message;

describe('onprem-webhook function', () => {
  it('answers a REST API (v1) request with 200 and the summary, cluster from the path, metrics logged', async () => {
    const { cap, handler } = setup();
    const res = await handler(restEvent({ path: '/k8s-audit/dc1', headers: auth, body: list(benignEvent(), attackEvent()) }), context);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ received: 2, evaluated: 2, findings: 1, delivered: 1 });
    const finding = JSON.parse(cap.out[0]!) as { rule: string; kadet: { origin: { provider: string; cluster: string } } };
    expect(finding).toMatchObject({ rule: ATTACK_RULE, kadet: { origin: { provider: 'onprem', cluster: 'dc1' } } });
    expect(cap.json('metrics')).toMatchObject([{ source: 'apigateway-1.0', status: 200, FunctionName: 'kadet-webhook', Cluster: 'dc1', Findings: 1 }]);
  });

  it('answers an HTTP API (v2) request on a named stage, cluster from the query', async () => {
    const { cap, handler } = setup();
    const res = await handler(httpApiEvent({ path: '/k8s-audit', query: { cluster: 'dc2' }, headers: auth, body: list(fresh(attackEvent(), 'v2-1')) }), context);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(cap.out[0]!)).toMatchObject({ kadet: { origin: { cluster: 'dc2' } } });
    expect(cap.json('metrics')).toMatchObject([{ source: 'apigateway-2.0', Cluster: 'dc2' }]);
  });

  it.each([
    ['no token', { 'Content-Type': 'application/json' }],
    ['a wrong token', { 'Content-Type': 'application/json', Authorization: 'Bearer wrong-token-0123456789abcdef' }],
  ])('answers 401 with %s, echoing nothing and logging no metrics', async (_what, headers) => {
    const { cap, handler } = setup();
    for (const make of [restEvent, httpApiEvent]) {
      const res = await handler(make({ path: '/k8s-audit/dc1', headers, body: list(attackEvent()) }), context);
      expect(res.statusCode).toBe(401);
      expect(res.body).not.toContain('wrong-token');
      expect(res.body).not.toContain('backdoor');
    }
    expect(cap.json('metrics')).toEqual([]);
    expect(cap.json('refused')).toMatchObject([{ status: 401, sourceIp: '198.51.100.10' }, { status: 401 }]);
    expect(cap.out).toEqual([]);
  });

  it('answers 415, 413 with the apiserver flags, and 400 with the reason', async () => {
    const { handler } = setup({ KADET_WEBHOOK_MAX_BODY_BYTES: '200' });
    const text = await handler(httpApiEvent({ path: '/k8s-audit/dc1', headers: { ...auth, 'Content-Type': 'text/plain' }, body: 'x' }), context);
    expect(text.statusCode).toBe(415);
    const big = await handler(restEvent({ path: '/k8s-audit/dc1', headers: auth, body: list(benignEvent()) }), context);
    expect(big.statusCode).toBe(413);
    expect(message(big.body)).toMatch(/--audit-webhook-batch-max-size.*--audit-webhook-truncate-enabled/);
    const bad = await handler(restEvent({ path: '/k8s-audit/dc1', headers: auth, body: '{"kind":"Pod"}' }), context);
    expect(bad.statusCode).toBe(400);
    expect(message(bad.body)).toMatch(/not an audit Event or EventList.*got string "Pod"/);
  });

  it('accepts a gzip body that API Gateway passed on base64-encoded', async () => {
    const { handler } = setup();
    const body = gzipSync(list(fresh(attackEvent(), 'gz-1')));
    const res = await handler(httpApiEvent({ path: '/k8s-audit/dc1', headers: { ...auth, 'Content-Encoding': 'gzip' }, body, base64: true }), context);
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ findings: 1 });
  });

  it('resolves an SSM token reference once per cold start', async () => {
    const { handler, lookups } = setup({ KADET_WEBHOOK_TOKEN: 'ssm:/kadet/webhook-token' });
    for (let i = 0; i < 3; i++) expect((await handler(restEvent({ path: '/k8s-audit/dc1', headers: auth, body: list(benignEvent()) }), context)).statusCode).toBe(200);
    expect(lookups).toEqual(['ssm:/kadet/webhook-token']);
  });

  it('serves without a token only when KADET_WEBHOOK_AUTH=none, and fails the cold start naming the variable otherwise', async () => {
    const open = setup({ KADET_WEBHOOK_AUTH: 'none', KADET_WEBHOOK_TOKEN: '' });
    expect((await open.handler(restEvent({ path: '/k8s-audit/dc1', headers: { 'Content-Type': 'application/json' }, body: list(benignEvent()) }), context)).statusCode).toBe(200);
    const closed = setup({ KADET_WEBHOOK_TOKEN: '' });
    await expect(closed.handler(restEvent({ path: '/k8s-audit/dc1', headers: auth, body: list(benignEvent()) }), context)).rejects.toThrow(/^KADET_WEBHOOK_TOKEN: is not set/);
  });

  describe('when findings cannot be delivered', () => {
    let sink: Awaited<ReturnType<typeof failingSink>>;
    beforeAll(async () => {
      sink = await failingSink();
    });
    afterAll(() => sink.close());

    it('answers 500 so the apiserver retries the batch, without the sink secret, and does not throw', async () => {
      const { cap, handler } = setup({ KADET_SINKS: sink.sinks });
      const res = await handler(restEvent({ path: '/k8s-audit/dc1', headers: auth, body: list(attackEvent()) }), context);
      expect(res.statusCode).toBe(500);
      expect(JSON.parse(res.body)).toMatchObject({ kind: 'Status', reason: 'InternalError', code: 500 });
      expect(res.body).not.toContain(URL_SECRET);
      expect(cap.logs.join('\n')).not.toContain(URL_SECRET);
      expect(cap.json('metrics')).toMatchObject([{ status: 500, DeliveryFailures: 1, Delivered: 0 }]);
    });
  });
});
