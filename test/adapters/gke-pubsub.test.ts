import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCloudEvent, toGkeLogEntry, toPubSubPush } from '../../shared/adapters/gke-envelope.ts';
import { gkePubSubAdapter, MESSAGE_PUBLISHED } from '../../shared/adapters/gke-pubsub.ts';
import type { AuditEvent } from '../../shared/event/types.ts';
import { gkeAuditEventArb, damagedEntryArb } from './fixtures/gke/arbitraries.ts';
import { at, FIXTURE_CLUSTER, loadGkeEntry } from './fixtures/gke/index.ts';
import { expectTypedResult, junkArb } from './support.ts';

const GKE_REASON = /^(envelope|base64|json|logentry|event): \S/;
const b64 = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64');

/** A push body as Pub/Sub sends it, written out by hand (both spellings of id and time). */
function pushBody(data: string, messageId = '13224458437591553'): Record<string, unknown> {
  return {
    message: {
      attributes: { 'logging.googleapis.com/timestamp': '2026-11-20T12:10:40.007731Z' },
      data,
      messageId,
      message_id: messageId,
      publishTime: '2026-11-20T12:10:47.391Z',
      publish_time: '2026-11-20T12:10:47.391Z',
    },
    subscription: 'projects/acme-sec/subscriptions/kadet-gke-audit',
  };
}

const verbsOf = (payload: unknown): string[] => gkePubSubAdapter.parse(payload).events.map((e) => e.event.verb);

describe('gke-pubsub adapter: deliveries', () => {
  it('decodes a push body into the event, with project, location, cluster and message id in the origin', () => {
    const r = gkePubSubAdapter.parse(pushBody(b64(loadGkeEntry('secrets-get-denied'))));
    expect(r.rejects).toEqual([]);
    expect(r.events).toHaveLength(1);
    expect(r.events[0]!.event).toMatchObject({ verb: 'get', responseStatus: { code: 403 }, objectRef: { name: 'db-password' } });
    expect(r.events[0]!.origin).toEqual({
      provider: 'gke',
      account: 'acme-prod',
      region: 'europe-west1',
      cluster: 'prod-gke-1',
      messageId: '13224458437591553',
      logGroup: 'projects/acme-prod/logs/cloudaudit.googleapis.com%2Fdata_access',
      eventId: 'e8a4b2c6-1d3f-4e5a-8b9c-0d1e2f3a4b5c',
    });
  });

  it('accepts a push body that spells only message_id', () => {
    const body = pushBody(b64(loadGkeEntry('readyz')));
    const message = at(body, 'message');
    delete message.messageId;
    message.message_id = '777';
    expect(gkePubSubAdapter.parse(body).events[0]!.origin.messageId).toBe('777');
  });

  it('reads a structured-mode messagePublished CloudEvent (Cloud Functions gen2)', () => {
    const ce = {
      specversion: '1.0',
      type: MESSAGE_PUBLISHED,
      source: '//pubsub.googleapis.com/projects/acme-sec/topics/kadet-gke-audit',
      id: '13224458437591553',
      time: '2026-11-20T12:10:47.391Z',
      datacontenttype: 'application/json',
      data: { message: { data: b64(loadGkeEntry('pods-exec-create')), messageId: '13224458437591553', publishTime: '2026-11-20T12:10:47.391Z' }, subscription: 'projects/acme-sec/subscriptions/eventarc-europe-west1-kadet-sub-123' },
    };
    const r = gkePubSubAdapter.parse(ce);
    expect(r.events.map((e) => [e.event.objectRef?.subresource, e.origin.messageId])).toEqual([['exec', '13224458437591553']]);
  });

  it('falls back to the CloudEvent id when the message carries none', () => {
    const ce = { specversion: '1.0', type: MESSAGE_PUBLISHED, source: '//pubsub.googleapis.com/projects/p/topics/t', id: 'ce-9', data: { message: { data: b64(loadGkeEntry('readyz')) } } };
    expect(gkePubSubAdapter.parse(ce).events[0]!.origin.messageId).toBe('ce-9');
  });

  it('reads the data of a binary-mode CloudEvent, which is the push body shape, and a bare message', () => {
    expect(verbsOf({ message: { data: b64(loadGkeEntry('readyz')), messageId: '1' }, subscription: 's' })).toEqual(['get']);
    expect(verbsOf({ data: b64(loadGkeEntry('pod-status-patch')), messageId: '2' })).toEqual(['patch']);
  });

  it('reads plain LogEntry JSON for kadet scan: an object, an array, array text, JSON lines and bytes', () => {
    const [a, b] = [loadGkeEntry('readyz'), loadGkeEntry('pod-status-patch')];
    expect(verbsOf(a)).toEqual(['get']);
    expect(verbsOf([a, b])).toEqual(['get', 'patch']);
    expect(verbsOf(JSON.stringify([a, b], null, 2))).toEqual(['get', 'patch']);
    expect(verbsOf(`${JSON.stringify(a)}\n\n${JSON.stringify(b)}\r\n`)).toEqual(['get', 'patch']);
    expect(verbsOf(Buffer.from(`\uFEFF${JSON.stringify(b)}`))).toEqual(['patch']);
  });

  it('reads JSON lines of push bodies, as the events/ samples are written', () => {
    const lines = [pushBody(b64(loadGkeEntry('readyz')), '1'), pushBody(b64(loadGkeEntry('clusterrolebinding-create')), '2')].map((x) => JSON.stringify(x)).join('\n');
    expect(gkePubSubAdapter.parse(lines).events.map((e) => e.origin.messageId)).toEqual(['1', '2']);
  });

  it('skips LogEntries that are not Kubernetes audit entries, whatever the delivery', () => {
    const r = gkePubSubAdapter.parse([pushBody(b64(loadGkeEntry('not-audit-container-log'))), loadGkeEntry('not-k8s-cluster-operation')]);
    expect(r).toEqual({ events: [], rejects: [], skipped: 2, control: 0 });
  });
});

describe('gke-pubsub adapter: rejects', () => {
  const one = (payload: unknown, ctx = {}): { where: unknown; reason: string; raw: string } => {
    const r = gkePubSubAdapter.parse(payload, ctx);
    expect(r.events).toEqual([]);
    expect(r.rejects).toHaveLength(1);
    expect(r.rejects[0]!.adapter).toBe('gke-pubsub');
    return r.rejects[0]!;
  };

  it('rejects data that is not base64 at stage base64, with the message id', () => {
    const reject = one(pushBody('not base64!', '55'));
    expect(reject).toMatchObject({ where: { messageId: '55' }, reason: 'base64: length 11 is not a multiple of 4', raw: 'not base64!' });
    expect(one(pushBody('ab$d', '56')).reason).toBe('base64: not standard padded base64');
  });

  it('rejects data that would decode past ctx.maxDecompressedBytes before decoding it', () => {
    expect(one(pushBody(b64('x'.repeat(3000))), { maxDecompressedBytes: 1024 }).reason).toBe('base64: decodes to 3000 bytes, over the 1024-byte limit');
  });

  it('rejects data that is not JSON at stage json, keeping the decoded text', () => {
    expect(one(pushBody(b64('this is not json')))).toMatchObject({ reason: expect.stringMatching(/^json: /), raw: 'this is not json' });
  });

  it('rejects a LogEntry that cannot become an event at stage logentry', () => {
    const entry = loadGkeEntry('readyz');
    delete at(entry, 'protoPayload').methodName;
    expect(one(pushBody(b64(entry), '9'))).toMatchObject({ where: { messageId: '9' }, reason: 'logentry: protoPayload.methodName: is required' });
  });

  it.each([
    [{ message: 'hello' }, 'envelope: message: expected an object, got string "hello"'],
    [{ message: { data: 5, messageId: '1' } }, 'envelope: message.data: expected a base64 string, got number 5'],
    [{ specversion: '1.0', type: 'google.cloud.audit.log.v1.written', data: {} }, `envelope: type: expected ${MESSAGE_PUBLISHED}, got string "google.cloud.audit.log.v1.written"`],
    [{ specversion: '1.0', type: MESSAGE_PUBLISHED, data: 'x' }, 'envelope: data: expected {message, subscription}, got string "x"'],
  ])('rejects a malformed envelope %j at stage envelope', (payload, reason) => {
    expect(one(payload).reason).toBe(reason);
  });

  it('rejects text over the size cap and an unparsable JSON array as one record each', () => {
    expect(one('x'.repeat(2000), { maxDecompressedBytes: 1000 }).reason).toBe('json: input is 2000 bytes, over the 1000-byte limit');
    expect(one('[{"protoPayload": ', { file: 'export.json' })).toMatchObject({ where: { file: 'export.json' }, reason: expect.stringMatching(/^json: /) });
  });

  it('rejects a bad JSON line with file:line and still reads the lines around it', () => {
    const text = [JSON.stringify(loadGkeEntry('readyz')), '{"broken": ', JSON.stringify(loadGkeEntry('pod-status-patch'))].join('\n');
    const r = gkePubSubAdapter.parse(text, { file: 'audit.jsonl' });
    expect(r.events.map((e) => [e.event.verb, e.origin.file, e.origin.line])).toEqual([
      ['get', 'audit.jsonl', 1],
      ['patch', 'audit.jsonl', 3],
    ]);
    expect(r.rejects).toMatchObject([{ where: { file: 'audit.jsonl', line: 2 }, reason: expect.stringMatching(/^json: /), raw: '{"broken": ' }]);
  });

  it('keeps the valid messages of an array when one is broken', () => {
    const r = gkePubSubAdapter.parse([pushBody(b64(loadGkeEntry('readyz')), '1'), pushBody('%%%%', '2'), pushBody(b64(loadGkeEntry('pod-status-patch')), '3')]);
    expect(r.events.map((e) => e.origin.messageId)).toEqual(['1', '3']);
    expect(r.rejects.map((x) => x.where)).toEqual([{ record: 1, messageId: '2' }]);
  });
});

describe('gke-pubsub adapter: sniffing and envelopes', () => {
  const entry = toGkeLogEntry(loadGkeEntryEvent(), FIXTURE_CLUSTER);

  it('recognises push bodies, messagePublished CloudEvents and LogEntry text, but leaves LogEntry objects to gke-logentry', () => {
    expect(gkePubSubAdapter.matches(toPubSubPush(entry))).toBe(true);
    expect(gkePubSubAdapter.matches(toCloudEvent(entry))).toBe(true);
    expect(gkePubSubAdapter.matches(JSON.stringify([entry]))).toBe(true);
    expect(gkePubSubAdapter.matches(entry)).toBe(false);
    expect(gkePubSubAdapter.matches({ specversion: '1.0', type: 'google.cloud.storage.object.v1.finalized' })).toBe(false);
    expect(gkePubSubAdapter.matches(Buffer.from('{"kind":"EventList","items":[]}'))).toBe(false);
  });

  it('writes a push body with both spellings, a stable numeric message id and the sink’s timestamp attribute', () => {
    const body = toPubSubPush(entry);
    expect(body.message.messageId).toMatch(/^\d+$/);
    expect(body.message.message_id).toBe(body.message.messageId);
    expect(body.message.publish_time).toBe(body.message.publishTime);
    expect(body.message.attributes).toEqual({ 'logging.googleapis.com/timestamp': entry.timestamp });
    expect(JSON.parse(Buffer.from(body.message.data, 'base64').toString('utf8'))).toEqual(entry);
    expect(body.subscription).toBe('projects/acme-prod/subscriptions/kadet-gke-audit');
    expect(toPubSubPush(entry).message.messageId).toBe(body.message.messageId);
  });

  it('writes a structured CloudEvent whose id is the message id and source the topic', () => {
    const ce = toCloudEvent(entry, { topic: 'projects/acme-sec/topics/audit', messageId: '99' });
    expect(ce).toMatchObject({ specversion: '1.0', type: MESSAGE_PUBLISHED, source: '//pubsub.googleapis.com/projects/acme-sec/topics/audit', id: '99', data: { message: { messageId: '99' } } });
  });
});

function loadGkeEntryEvent(): AuditEvent {
  const r = gkePubSubAdapter.parse(loadGkeEntry('clusterrolebinding-create'));
  return r.events[0]!.event;
}

describe('gke-pubsub adapter: properties', () => {
  it('never throws on arbitrary input and yields only typed results', () => {
    fc.assert(
      fc.property(junkArb, (payload) => {
        expectTypedResult(gkePubSubAdapter.parse(payload), 'gke-pubsub', GKE_REASON);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on push bodies and CloudEvents carrying arbitrary data', () => {
    const data = fc.oneof(fc.string(), fc.base64String(), fc.jsonValue().map(b64), fc.anything());
    fc.assert(
      fc.property(data, fc.boolean(), (d, asCloudEvent) => {
        const body = { message: { data: d, messageId: '1' }, subscription: 's' };
        const payload = asCloudEvent ? { specversion: '1.0', type: MESSAGE_PUBLISHED, id: 'x', data: body } : body;
        const r = gkePubSubAdapter.parse(payload);
        expectTypedResult(r, 'gke-pubsub', GKE_REASON);
        expect(r.events.length + r.rejects.length + r.skipped).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 500 },
    );
  });

  it('accounts for every damaged LogEntry delivered through Pub/Sub', () => {
    fc.assert(
      fc.property(damagedEntryArb(loadGkeEntry('pod-create-invalid')), (entry) => {
        const r = gkePubSubAdapter.parse(toPubSubPush(entry as object));
        expectTypedResult(r, 'gke-pubsub', GKE_REASON);
        expect(r.events.length + r.rejects.length + r.skipped).toBe(1);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips an audit Event through toGkeLogEntry → push body or CloudEvent → adapter', () => {
    fc.assert(
      fc.property(gkeAuditEventArb, fc.boolean(), (original, asCloudEvent) => {
        const entry = toGkeLogEntry(original, FIXTURE_CLUSTER);
        const r = gkePubSubAdapter.parse(asCloudEvent ? toCloudEvent(entry) : toPubSubPush(entry));
        expect(r.rejects).toEqual([]);
        const back = r.events[0]!;
        expect(back.event).toMatchObject({ auditID: original.auditID, verb: original.verb, responseStatus: { code: original.responseStatus?.code } });
        expect(back.event.objectRef?.name).toBe(original.objectRef?.name);
        expect(back.origin).toMatchObject({ provider: 'gke', account: 'acme-prod', region: 'europe-west1', cluster: 'prod-gke-1', messageId: expect.stringMatching(/^\d+$/) });
      }),
      { numRuns: 200 },
    );
  });
});
