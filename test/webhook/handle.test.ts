import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toEventList } from '../../shared/adapters/webhook-eventlist.ts';
import type { AuditEvent } from '../../shared/event/types.ts';
import { createRuntime, type Runtime } from '../../shared/runtime.ts';
import { handleWebhookRequest } from '../../shared/webhook/handle.ts';
import type { WebhookDeps, WebhookRequest } from '../../shared/webhook/types.ts';
import { ATTACK_RULE, attackEvent, benignEvent, capture, failingSink, URL_SECRET } from './support.ts';

const TOKEN = 'kadet-test-token-0123456789abcdef';
const cap = capture();
let runtime: Runtime;
beforeAll(async () => {
  runtime = await createRuntime({ KADET_SINKS: 'stdout' }, { log: cap.log, write: cap.write });
});

const deps = (over: Partial<WebhookDeps> = {}): WebhookDeps => ({ runtime, token: TOKEN, maxBodyBytes: 64 * 1024, basePath: '/k8s-audit', log: cap.log, ...over });
/** A unique copy, so dedup in the shared runtime never hides a finding from a later test. */
const fresh = (e: AuditEvent, id: string): AuditEvent => ({ ...structuredClone(e), auditID: id });
const listBody = (...events: AuditEvent[]): Buffer => Buffer.from(JSON.stringify(toEventList(events)));
const request = (over: Partial<WebhookRequest> = {}): WebhookRequest => ({
  method: 'POST',
  path: '/k8s-audit/prod',
  query: {},
  headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
  body: listBody(benignEvent()),
  ...over,
});
const withHeaders = (h: Record<string, string>): Partial<WebhookRequest> => ({ headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, ...h } });
const statusOf = (body: string): { kind: string; code: number; reason: string; message: string } => JSON.parse(body);

describe('handleWebhookRequest', () => {
  it('answers 200 with the pipeline summary and alerts on the attack story, cluster from the path', async () => {
    const res = await handleWebhookRequest(request({ body: listBody(benignEvent(), fresh(attackEvent(), 'a-1')) }), deps());
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ received: 2, evaluated: 2, rejected: 0, findings: 1, delivered: 1, failures: [] });
    expect(res.outcome?.findings[0]).toMatchObject({ rule: ATTACK_RULE, kadet: { origin: { provider: 'onprem', cluster: 'prod' } } });
    expect(res.cluster).toBe('prod');
  });

  it('takes the cluster from ?cluster= and accepts a bare Event or an array of Events', async () => {
    const one = await handleWebhookRequest(request({ path: '/k8s-audit', query: { cluster: 'edge-1' }, body: Buffer.from(JSON.stringify(fresh(attackEvent(), 'a-2'))) }), deps());
    expect(one.status).toBe(200);
    expect(one.outcome?.findings[0]?.kadet.origin.cluster).toBe('edge-1');
    const arr = await handleWebhookRequest(request({ body: Buffer.from(JSON.stringify([benignEvent(), benignEvent()])) }), deps());
    expect(JSON.parse(arr.body)).toMatchObject({ evaluated: 2 });
  });

  it.each([
    ['no Authorization header', {}],
    ['a wrong token', { authorization: 'Bearer not-the-token-but-long-enough' }],
    ['another scheme', { authorization: `Basic ${TOKEN}` }],
  ])('answers 401 for %s, echoing nothing', async (_what, auth) => {
    const res = await handleWebhookRequest(request({ headers: { 'content-type': 'application/json', ...auth } }), deps());
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="kadet"');
    expect(statusOf(res.body)).toMatchObject({ kind: 'Status', code: 401, reason: 'Unauthorized' });
    expect(res.body).not.toContain('not-the-token');
    expect(res.body).not.toContain(TOKEN);
    expect(res.body).not.toContain('requestURI');
    expect(res.outcome).toBeUndefined();
    const refused = cap.json('refused').at(-1)!;
    expect(refused).toMatchObject({ status: 401, path: '/k8s-audit/prod' });
    expect(JSON.stringify(refused)).not.toContain(TOKEN);
  });

  it('answers 404 off the path and 405 for other methods', async () => {
    expect((await handleWebhookRequest(request({ path: '/elsewhere' }), deps())).status).toBe(404);
    const get = await handleWebhookRequest(request({ method: 'GET' }), deps());
    expect(get.status).toBe(405);
    expect(get.headers['allow']).toBe('POST');
  });

  it('answers 415 on a non-JSON content type or an unsupported encoding, and accepts a missing content type', async () => {
    const form = await handleWebhookRequest(request(withHeaders({ 'content-type': 'application/x-www-form-urlencoded' })), deps());
    expect(form.status).toBe(415);
    expect(statusOf(form.body).message).toMatch(/Content-Type "application\/x-www-form-urlencoded" is not supported: send application\/json/);
    const br = await handleWebhookRequest(request(withHeaders({ 'content-encoding': 'br' })), deps());
    expect(br.status).toBe(415);
    expect(statusOf(br.body).message).toMatch(/send gzip or no encoding/);
    const bare = await handleWebhookRequest(request({ headers: { authorization: `Bearer ${TOKEN}` } }), deps());
    expect(bare.status).toBe(200);
    expect((await handleWebhookRequest(request(withHeaders({ 'content-type': 'application/json; charset=utf-8' })), deps())).status).toBe(200);
  });

  it('answers 413 over the size limit, saying which apiserver flags to set', async () => {
    const res = await handleWebhookRequest(request(), deps({ maxBodyBytes: 100 }));
    expect(res.status).toBe(413);
    const { message, reason } = statusOf(res.body);
    expect(reason).toBe('RequestEntityTooLarge');
    expect(message).toContain('100-byte limit');
    expect(message).toContain('--audit-webhook-batch-max-size');
    expect(message).toContain('--audit-webhook-truncate-enabled=true');
    expect(message).toContain('--audit-webhook-truncate-max-batch-size');
  });

  it('applies the limit after gunzip too, so a gzip bomb is a 413', async () => {
    const bomb = gzipSync(Buffer.alloc(1024 * 1024, 0x20));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const res = await handleWebhookRequest(request({ ...withHeaders({ 'content-encoding': 'gzip' }), body: bomb }), deps());
    expect(res.status).toBe(413);
    expect(statusOf(res.body).message).toMatch(/^the decompressed request body is larger than the 65536-byte limit/);
  });

  it('accepts gzip, base64 and base64 of gzip bodies', async () => {
    const body = listBody(fresh(attackEvent(), 'a-3'));
    const gz = await handleWebhookRequest(request({ ...withHeaders({ 'content-encoding': 'gzip' }), body: gzipSync(body) }), deps());
    expect(gz.status).toBe(200);
    expect(gz.outcome?.findings.map((f) => f.rule)).toEqual([ATTACK_RULE]);
    const b64 = await handleWebhookRequest(request({ body: Buffer.from(body.toString('base64')), isBase64: true }), deps());
    expect(JSON.parse(b64.body)).toMatchObject({ evaluated: 1, findings: 1 });
    const both = await handleWebhookRequest(request({ ...withHeaders({ 'content-encoding': 'gzip' }), body: Buffer.from(gzipSync(body).toString('base64')), isBase64: true }), deps());
    expect(JSON.parse(both.body)).toMatchObject({ evaluated: 1 });
  });

  it.each([
    ['not JSON', Buffer.from('not json'), /^the body is not JSON \(json: /],
    ['another kind of object', Buffer.from('{"kind":"Pod","apiVersion":"v1"}'), /kind: expected EventList or Event, got string "Pod"/],
    ['an object with no event field', Buffer.from('{"hello":"world"}'), /none of kind, auditID, stage, verb/],
    ['a string', Buffer.from('"x"'), /envelope: expected an EventList, an Event or an array of Events, got string/],
    ['an EventList of the wrong version', Buffer.from('{"kind":"EventList","apiVersion":"v9","items":[]}'), /EventList apiVersion: expected audit.k8s.io\/v1/],
    ['an EventList whose items are all broken', Buffer.from('{"kind":"EventList","items":[{"verb":"get"},{"verb":"list"}]}'), /no audit event in the body could be read: event: .* \(and 1 more\)/],
    ['a body marked base64 that is not', Buffer.from('***'), /marked base64/],
  ])('answers 400 on %s, saying why, and logs the reject', async (what, body, why) => {
    const rejectsBefore = cap.json('reject').length;
    const res = await handleWebhookRequest(request({ body, isBase64: what.includes('base64') }), deps());
    expect(res.status).toBe(400);
    expect(statusOf(res.body)).toMatchObject({ kind: 'Status', code: 400, reason: 'BadRequest', message: expect.stringMatching(why) });
    if (!what.includes('base64')) expect(cap.json('reject').length).toBeGreaterThan(rejectsBefore);
  });

  it('evaluates the good items of a partly broken batch and counts the rest as rejected', async () => {
    const body = Buffer.from(JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: [{ verb: 'get' }, fresh(attackEvent(), 'a-4')] }));
    const res = await handleWebhookRequest(request({ body }), deps());
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ received: 2, evaluated: 1, rejected: 1, findings: 1 });
  });

  it('answers 200 with zeros for an empty batch (Go encodes it with items: null)', async () => {
    const res = await handleWebhookRequest(request({ body: Buffer.from('{"kind":"EventList","apiVersion":"audit.k8s.io/v1","metadata":{},"items":null}') }), deps());
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ received: 0, findings: 0 });
  });

  it('serves without a token when none is configured', async () => {
    expect((await handleWebhookRequest(request({ headers: { 'content-type': 'application/json' } }), deps({ token: undefined }))).status).toBe(200);
  });

  describe('when findings cannot be delivered', () => {
    let sink: Awaited<ReturnType<typeof failingSink>>;
    beforeAll(async () => {
      sink = await failingSink();
    });
    afterAll(() => sink.close());

    it('answers 500 (which the apiserver retries) naming the sink, with its secret redacted', async () => {
      const failing = await createRuntime({ KADET_SINKS: sink.sinks }, { log: () => undefined });
      const res = await handleWebhookRequest(request({ body: listBody(attackEvent()) }), deps({ runtime: failing }));
      expect(res.status).toBe(500);
      expect(statusOf(res.body)).toMatchObject({ kind: 'Status', code: 500, reason: 'InternalError', message: expect.stringMatching(/findings could not be delivered.*webhook: .*HTTP 500/) });
      expect(res.body).not.toContain(URL_SECRET);
      expect(res.outcome?.undelivered).toBe(true);
      expect(sink.hits()).toBeGreaterThan(0);
      // Without findings there is nothing to deliver: a benign batch is still a 200.
      expect((await handleWebhookRequest(request(), deps({ runtime: failing }))).status).toBe(200);
    });
  });
});
