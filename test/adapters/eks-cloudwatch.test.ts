import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eksCloudWatchAdapter, parseCloudWatchLogsData } from '../../shared/adapters/eks-cloudwatch.ts';
import {
  cloudWatchControlMessage,
  cloudWatchLogsMessage,
  encodeCloudWatchLogsData,
  toCloudWatchControlMessage,
  toCloudWatchSubscriptionEvent,
} from '../../shared/adapters/eks-envelope.ts';
import type { AuditEvent } from '../../shared/event/types.ts';
import { sampleEvent } from '../helpers/events.ts';
import { auditEventArb, expectTypedResult, junkArb } from './support.ts';

const OPTS = { cluster: 'prod-eks', account: '123456789012', stream: 'kube-apiserver-audit-0a1b2c3d4e5f60718293a4b5c6d7e8f9' };
const CTX = { origin: { region: 'eu-west-1' } };
const event = (auditID: string): AuditEvent => ({ ...sampleEvent(), auditID });
const wrap = (message: unknown): { awslogs: { data: string } } => ({ awslogs: { data: encodeCloudWatchLogsData(message) } });

describe('eks-cloudwatch adapter', () => {
  it('maps every origin field: cluster from the log group, account from owner, region from ctx, stream and event id', () => {
    const payload = toCloudWatchSubscriptionEvent([event('a'), event('b')], OPTS);
    const msg = cloudWatchLogsMessage([event('a'), event('b')], OPTS);
    const result = eksCloudWatchAdapter.parse(payload, CTX);
    expect(result.rejects).toEqual([]);
    expect(result.events.map((e) => e.event.auditID)).toEqual(['a', 'b']);
    expect(result.events[1]!.origin).toStrictEqual({
      provider: 'eks',
      cluster: 'prod-eks',
      account: '123456789012',
      region: 'eu-west-1',
      logGroup: '/aws/eks/prod-eks/cluster',
      logStream: OPTS.stream,
      eventId: msg.logEvents[1]!.id,
    });
  });

  it('takes the cluster from ctx when the log group is not an EKS control-plane group', () => {
    const msg = { ...cloudWatchLogsMessage([event('a')], OPTS), logGroup: '/custom/audit' };
    const [ce] = eksCloudWatchAdapter.parse(wrap(msg), { origin: { cluster: 'self-managed', region: 'us-east-2' } }).events;
    expect(ce?.origin).toMatchObject({ provider: 'eks', cluster: 'self-managed', region: 'us-east-2', logGroup: '/custom/audit' });
  });

  it('counts a control message as control, neither an event nor a reject', () => {
    expect(eksCloudWatchAdapter.parse(toCloudWatchControlMessage())).toEqual({ events: [], rejects: [], skipped: 0, control: 1 });
    expect(parseCloudWatchLogsData(encodeCloudWatchLogsData(cloudWatchControlMessage())).control).toBe(1);
  });

  it.each(['kube-apiserver-0a1b2c', 'authenticator-0a1b2c', 'kube-controller-manager-0a1b2c', 'kube-scheduler-0a1b2c', 'cloud-controller-manager-0a1b2c'])(
    'skips the records of the non-audit stream %s',
    (stream) => {
      const msg = { ...cloudWatchLogsMessage([], OPTS), logStream: stream };
      msg.logEvents = [{ id: '1', timestamp: 0, message: 'I1120 09:14:03.123456 1 plain klog line' }, { id: '2', timestamp: 0, message: 'x' }];
      expect(eksCloudWatchAdapter.parse(wrap(msg))).toEqual({ events: [], rejects: [], skipped: 2, control: 0 });
    },
  );

  it('rejects a bad log event with group, stream, event id and index, and keeps its siblings', () => {
    const msg = cloudWatchLogsMessage([event('ok-1'), event('bad'), event('bad2'), event('ok-2')], OPTS);
    msg.logEvents[1]!.message = '{"kind":"Event", truncated';
    msg.logEvents[2]!.message = JSON.stringify({ ...event('bad2'), stage: 'Done' });
    const result = eksCloudWatchAdapter.parse(wrap(msg), CTX);
    expect(result.events.map((e) => e.event.auditID)).toEqual(['ok-1', 'ok-2']);
    expect(result.rejects).toHaveLength(2);
    expect(result.rejects[0]).toMatchObject({
      adapter: 'eks-cloudwatch',
      where: { logGroup: '/aws/eks/prod-eks/cluster', logStream: OPTS.stream, eventId: msg.logEvents[1]!.id, record: 1 },
      reason: expect.stringMatching(/^json: /),
      raw: '{"kind":"Event", truncated',
    });
    expect(result.rejects[1]?.reason).toBe('event: stage: expected one of RequestReceived|ResponseStarted|ResponseComplete|Panic, got string "Done"');
    expect(result.rejects[1]?.where.record).toBe(2);
  });

  it('rejects a log event whose message is not a string', () => {
    const msg = cloudWatchLogsMessage([event('a')], OPTS) as unknown as { logEvents: unknown[] };
    msg.logEvents.push({ id: '9', timestamp: 0, message: { not: 'a string' } }, 'junk');
    const result = eksCloudWatchAdapter.parse(wrap(msg));
    expect(result.events).toHaveLength(1);
    expect(result.rejects.map((r) => [r.where.record, r.reason])).toEqual([
      [1, 'envelope: logEvents[1] message: expected a string, got an object'],
      [2, 'envelope: logEvents[2] expected a log event object, got string "junk"'],
    ]);
  });

  describe('whole-payload failures are one reject naming the stage', () => {
    const reasonOf = (payload: unknown, ctx = {}): string[] => eksCloudWatchAdapter.parse(payload, ctx).rejects.map((r) => r.reason);

    it('bad base64', () => {
      expect(reasonOf({ awslogs: { data: 'H4sI!!!!' } })).toEqual(['base64: not standard padded base64']);
    });

    it('bad gzip', () => {
      expect(reasonOf({ awslogs: { data: Buffer.from('{"not":"gzipped"}').toString('base64') } })).toEqual(['gunzip: incorrect header check']);
    });

    it('a gzip bomb over the cap, and exactly at the cap', () => {
      const text = JSON.stringify(cloudWatchLogsMessage([event('a')], OPTS));
      const data = gzipSync(text).toString('base64');
      expect(reasonOf({ awslogs: { data } }, { maxDecompressedBytes: text.length - 1 })).toEqual([
        `gunzip: output exceeds the ${text.length - 1}-byte limit`,
      ]);
      expect(eksCloudWatchAdapter.parse({ awslogs: { data } }, { maxDecompressedBytes: text.length }).events).toHaveLength(1);
    });

    it('base64 input over the cap', () => {
      const data = gzipSync('x'.repeat(10_000)).toString('base64');
      expect(reasonOf({ awslogs: { data } }, { maxDecompressedBytes: 10 })[0]).toMatch(/^base64: decodes to \d+ bytes, over the 10-byte limit$/);
    });

    it('not JSON', () => {
      const r = eksCloudWatchAdapter.parse({ awslogs: { data: gzipSync('not json').toString('base64') } });
      expect(r.rejects).toHaveLength(1);
      expect(r.rejects[0]).toMatchObject({ reason: expect.stringMatching(/^json: /), raw: 'not json', where: {} });
    });

    it.each([
      [[1, 2], 'envelope: expected a CloudWatch Logs message object, got an array'],
      [{ messageType: 'OTHER' }, 'envelope: messageType: expected DATA_MESSAGE or CONTROL_MESSAGE, got string "OTHER"'],
      [{ ...cloudWatchLogsMessage([], OPTS), owner: 12 }, 'envelope: owner: expected a string, got number 12'],
      [{ ...cloudWatchLogsMessage([], OPTS), logEvents: {} }, 'envelope: logEvents: expected an array, got an object'],
    ])('wrong shape %j', (msg, reason) => {
      expect(reasonOf(wrap(msg))).toEqual([reason]);
    });

    it('an envelope without awslogs.data', () => {
      expect(reasonOf({ awslogs: {} })).toEqual(['envelope: expected {awslogs:{data: string}}, got an object']);
      expect(eksCloudWatchAdapter.matches({ awslogs: {} })).toBe(false);
    });
  });

  it('reads own properties only: an inherited awslogs is not a payload', () => {
    const inherited = Object.create(toCloudWatchSubscriptionEvent([event('a')], OPTS)) as unknown;
    expect(eksCloudWatchAdapter.matches(inherited)).toBe(false);
    expect(eksCloudWatchAdapter.parse(inherited).events).toEqual([]);
  });

  it('round-trips any valid audit event: envelope(event) → adapter → event', () => {
    fc.assert(
      fc.property(fc.array(auditEventArb, { minLength: 1, maxLength: 4 }), (events) => {
        const result = eksCloudWatchAdapter.parse(toCloudWatchSubscriptionEvent(events, OPTS), CTX);
        expect(result.rejects).toEqual([]);
        expect(result.events.map((e) => e.event)).toEqual(events);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on arbitrary input and yields only typed rejects', () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    const logEvent = fc.record({ id: json, timestamp: json, message: fc.oneof(fc.string(), fc.json(), auditEventArb.map((e) => JSON.stringify(e)), json) });
    const payloads = fc.oneof(
      junkArb,
      junkArb.map((data) => ({ awslogs: { data } })),
      fc.base64String().map((data) => ({ awslogs: { data } })),
      json.map(wrap),
      fc.record({ messageType: fc.constant('DATA_MESSAGE'), owner: json, logGroup: json, logStream: json, logEvents: fc.array(json) }).map(wrap),
      fc.record({ messageType: fc.constant('DATA_MESSAGE'), owner: fc.string(), logGroup: fc.string(), logStream: fc.constant('kube-apiserver-audit-1'), logEvents: fc.array(logEvent) }).map(wrap),
    );
    fc.assert(
      fc.property(payloads, (payload) => {
        expectTypedResult(eksCloudWatchAdapter.parse(payload, CTX), 'eks-cloudwatch');
      }),
      { numRuns: 500 },
    );
  });
});
