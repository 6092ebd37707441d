import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cloudWatchControlMessage, cloudWatchLogsMessage, toKinesisEvent } from '../../shared/adapters/eks-envelope.ts';
import { eksKinesisAdapter, parseKinesisRecords } from '../../shared/adapters/eks-kinesis.ts';
import type { AuditEvent } from '../../shared/event/types.ts';
import { sampleEvent } from '../helpers/events.ts';
import { auditEventArb, expectTypedResult, junkArb } from './support.ts';

const CW = { cluster: 'prod-eks', account: '123456789012', stream: 'kube-apiserver-audit-0a1b2c' };
const KIN = { region: 'ap-southeast-2', account: '123456789012', shardId: 'shardId-000000000003' };
const event = (auditID: string): AuditEvent => ({ ...sampleEvent(), auditID });

describe('eks-kinesis adapter', () => {
  it('maps origin from the CloudWatch payload plus region, sequence number and shard from the Kinesis record', () => {
    const kinesis = toKinesisEvent([cloudWatchLogsMessage([event('a')], CW)], KIN);
    const rec = kinesis.Records[0]!;
    const result = eksKinesisAdapter.parse(kinesis, { origin: { region: 'us-east-1' } });
    expect(result.rejects).toEqual([]);
    expect(result.events[0]?.origin).toStrictEqual({
      provider: 'eks',
      cluster: 'prod-eks',
      account: '123456789012',
      region: 'ap-southeast-2',
      logGroup: '/aws/eks/prod-eks/cluster',
      logStream: 'kube-apiserver-audit-0a1b2c',
      eventId: cloudWatchLogsMessage([event('a')], CW).logEvents[0]!.id,
      sequenceNumber: rec.kinesis.sequenceNumber,
      partition: 'shardId-000000000003',
    });
  });

  it('answers per record, keyed by sequence number, so the function can report batchItemFailures', () => {
    const kinesis = toKinesisEvent([cloudWatchLogsMessage([event('a'), event('b')], CW), 'not base64!', cloudWatchControlMessage()], KIN);
    const seq = kinesis.Records.map((r) => r.kinesis.sequenceNumber);
    const batch = parseKinesisRecords(kinesis);
    expect(batch.rejects).toEqual([]);
    expect(batch.records.map((r) => r.sequenceNumber)).toEqual(seq);
    expect(batch.records[0]!.result.events.map((e) => e.event.auditID)).toEqual(['a', 'b']);
    expect(batch.records[1]!.result.rejects).toEqual([
      { adapter: 'eks-kinesis', where: { sequenceNumber: seq[1], partition: 'shardId-000000000003' }, reason: 'base64: length 11 is not a multiple of 4', raw: 'not base64!' },
    ]);
    expect(batch.records[2]!.result.control).toBe(1);
    expect(eksKinesisAdapter.parse(kinesis)).toMatchObject({ skipped: 0, control: 1, rejects: [{ reason: expect.stringMatching(/^base64: /) }] });
  });

  it('rejects a bad log event inside a record with the record coordinates and keeps the others', () => {
    const msg = cloudWatchLogsMessage([event('a'), event('b')], CW);
    msg.logEvents[0]!.message = '[]';
    const batch = parseKinesisRecords(toKinesisEvent([msg], KIN));
    const { result, sequenceNumber } = batch.records[0]!;
    expect(result.events.map((e) => e.event.auditID)).toEqual(['b']);
    expect(result.rejects[0]).toMatchObject({
      adapter: 'eks-kinesis',
      reason: 'event: expected an object, got an array',
      where: { sequenceNumber, partition: 'shardId-000000000003', logGroup: '/aws/eks/prod-eks/cluster', eventId: msg.logEvents[0]!.id, record: 0 },
    });
  });

  it('rejects records it cannot identify at batch level, and records without data per record', () => {
    const kinesis = toKinesisEvent([cloudWatchLogsMessage([event('a')], CW)], KIN) as unknown as { Records: unknown[] };
    kinesis.Records.push({ kinesis: {} }, 'junk', { kinesis: { sequenceNumber: '42' }, eventID: 'shardId-000000000001:42' });
    const batch = parseKinesisRecords(kinesis);
    expect(batch.rejects.map((r) => [r.where, r.reason])).toEqual([
      [{ record: 1 }, 'envelope: Records[1] has no kinesis.sequenceNumber string'],
      [{ record: 2 }, 'envelope: Records[2] has no kinesis.sequenceNumber string'],
    ]);
    expect(batch.records[1]).toMatchObject({
      sequenceNumber: '42',
      result: { rejects: [{ where: { sequenceNumber: '42', partition: 'shardId-000000000001', record: 3 }, reason: 'envelope: kinesis.data: expected a string, got nothing' }] },
    });
  });

  it('rejects a payload that is not a Kinesis event', () => {
    expect(parseKinesisRecords({ records: [] }).rejects.map((r) => r.reason)).toEqual(['envelope: expected {Records: [...]}, got nothing']);
    expect(eksKinesisAdapter.parse(5).rejects.map((r) => r.reason)).toEqual(['envelope: expected {Records: [...]}, got number 5']);
  });

  it('round-trips any valid audit events: envelope(event) → adapter → event', () => {
    fc.assert(
      fc.property(fc.array(fc.array(auditEventArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }), (groups) => {
        const kinesis = toKinesisEvent(groups.map((g) => cloudWatchLogsMessage(g, CW)), KIN);
        const result = eksKinesisAdapter.parse(kinesis);
        expect(result.rejects).toEqual([]);
        expect(result.events.map((e) => e.event)).toEqual(groups.flat());
      }),
      { numRuns: 100 },
    );
  });

  it('never throws on arbitrary input and yields only typed rejects', () => {
    const record = fc.record({ kinesis: fc.record({ sequenceNumber: fc.oneof(fc.string(), junkArb), data: fc.oneof(fc.base64String(), junkArb) }), awsRegion: junkArb, eventID: junkArb });
    const payloads = fc.oneof(junkArb, fc.array(fc.oneof(record, junkArb), { maxLength: 4 }).map((Records) => ({ Records })));
    fc.assert(
      fc.property(payloads, (payload) => {
        expectTypedResult(eksKinesisAdapter.parse(payload), 'eks-kinesis');
        const batch = parseKinesisRecords(payload);
        for (const { sequenceNumber, result } of batch.records) {
          expect(typeof sequenceNumber).toBe('string');
          expectTypedResult(result, 'eks-kinesis');
        }
      }),
      { numRuns: 500 },
    );
  });
});
