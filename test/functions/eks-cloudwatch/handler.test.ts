import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cloudWatchControlMessage, cloudWatchLogsMessage, encodeCloudWatchLogsData, toCloudWatchControlMessage, toCloudWatchSubscriptionEvent, toKinesisEvent } from '../../../shared/adapters/eks-envelope.ts';
import type { AuditEvent } from '../../../shared/event/types.ts';
import { createEksHandler } from '../../../functions/eks-cloudwatch/handler.ts';
import { ATTACK_RULE, attackEvent, benignEvent, capture, failingSink, URL_SECRET } from '../../webhook/support.ts';
import { lambdaContext } from '../aws/support.ts';

const CW = { cluster: 'prod-eks', account: '123456789012' };
const KIN = { region: 'eu-west-1', account: '123456789012' };
const fresh = (e: AuditEvent, id: string): AuditEvent => ({ ...structuredClone(e), auditID: id });

/** A handler with stdout findings and logs captured. */
function setup(env: Record<string, string> = { KADET_SINKS: 'stdout' }) {
  const cap = capture();
  const handler = createEksHandler({ env, deps: { log: cap.log, write: cap.write } });
  return { cap, handler };
}

describe('eks-cloudwatch function', () => {
  let sink: Awaited<ReturnType<typeof failingSink>>;
  beforeAll(async () => {
    sink = await failingSink();
  });
  afterAll(() => sink.close());

  it('alerts on a subscription event of the attack story, with region from the function ARN', async () => {
    const { cap, handler } = setup();
    const res = await handler(toCloudWatchSubscriptionEvent([benignEvent(), attackEvent()], CW), lambdaContext());
    expect(res).toBeUndefined();
    const findings = cap.out.map((l) => JSON.parse(l) as { rule: string; kadet: { origin: Record<string, unknown> } });
    expect(findings.map((f) => f.rule)).toEqual([ATTACK_RULE]);
    expect(findings[0]!.kadet.origin).toMatchObject({ provider: 'eks', cluster: 'prod-eks', account: '123456789012', region: 'eu-west-1', logGroup: '/aws/eks/prod-eks/cluster' });
    expect(cap.json('batch')).toMatchObject([{ received: 2, evaluated: 2, findings: 1, delivered: 1 }]);
    const [metrics] = cap.json('metrics');
    expect(metrics).toMatchObject({ source: 'cloudwatch-logs', FunctionName: 'kadet-eks', Cluster: 'prod-eks', Received: 2, Findings: 1, Delivered: 1, DeliveryFailures: 0 });
    expect(metrics!['_aws']).toMatchObject({ CloudWatchMetrics: [{ Namespace: 'Kadet' }] });
  });

  it('skips a control message: no event, no reject, no retry', async () => {
    const { cap, handler } = setup();
    await expect(handler(toCloudWatchControlMessage(), lambdaContext())).resolves.toBeUndefined();
    expect(cap.json('batch')).toMatchObject([{ received: 1, skipped: 1, rejected: 0, evaluated: 0 }]);
  });

  it.each([
    ['data that is not base64', { awslogs: { data: 'not base64!' } }, /^base64: /],
    ['data that is not gzip', { awslogs: { data: Buffer.from('plain').toString('base64') } }, /^gunzip: /],
    ['a log event that is not an audit event', { awslogs: { data: encodeCloudWatchLogsData({ ...cloudWatchLogsMessage([benignEvent()], CW), logEvents: [{ id: '1', timestamp: 0, message: '{"verb":' }] }) } }, /^json: /],
    ['an event of another trigger', { Records: [{ eventSource: 'aws:sqs' }] }, /^envelope: expected \{awslogs/],
  ])('does not throw on %s: the reject is logged and counted', async (_what, event, reason) => {
    const { cap, handler } = setup();
    await expect(handler(event, lambdaContext())).resolves.toBeUndefined();
    expect(cap.json('reject')).toMatchObject([{ reason: expect.stringMatching(reason) }]);
    expect(cap.json('metrics')).toMatchObject([{ Rejected: 1, DeliveryFailures: 0 }]);
  });

  it('throws when findings cannot be delivered, so Lambda retries; the error holds no secret', async () => {
    const { cap, handler } = setup({ KADET_SINKS: sink.sinks });
    const err = await handler(toCloudWatchSubscriptionEvent([attackEvent()], CW), lambdaContext()).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(err?.name).toBe('UndeliveredError');
    expect(err?.message).toMatch(/could not deliver to webhook \(.*HTTP 500/);
    expect(err?.message).not.toContain(URL_SECRET);
    expect(cap.logs.join('\n')).not.toContain(URL_SECRET);
    expect(cap.json('metrics')).toMatchObject([{ Findings: 1, Delivered: 0, DeliveryFailures: 1 }]);
  });

  it('does not throw for a batch with nothing to deliver, even with a failing sink', async () => {
    const { handler } = setup({ KADET_SINKS: sink.sinks });
    await expect(handler(toCloudWatchSubscriptionEvent([benignEvent()], CW), lambdaContext())).resolves.toBeUndefined();
  });

  it('answers a Kinesis batch with exactly the records whose findings were not delivered', async () => {
    const { cap, handler } = setup({ KADET_SINKS: sink.sinks });
    const event = toKinesisEvent(
      [
        cloudWatchLogsMessage([fresh(attackEvent(), 'k-1')], CW), // finding, undeliverable
        cloudWatchLogsMessage([benignEvent()], CW), // nothing to deliver
        'not base64!', // malformed: a reject, never a retry
        encodeCloudWatchLogsData(toCloudWatchControlMessage()), // not even a CloudWatch message: a reject
        cloudWatchLogsMessage([benignEvent(), fresh(attackEvent(), 'k-2')], CW), // finding, undeliverable
        cloudWatchControlMessage(), // a health check: skipped
      ],
      KIN,
    );
    const seq = event.Records.map((r) => r.kinesis.sequenceNumber);
    const res = await handler(event, lambdaContext());
    expect(res).toEqual({ batchItemFailures: [{ itemIdentifier: seq[0] }, { itemIdentifier: seq[4] }] });
    expect(cap.json('reject').map((r) => (r['where'] as { sequenceNumber?: string }).sequenceNumber)).toEqual([seq[2], seq[3]]);
    expect(cap.json('metrics')).toMatchObject([{ source: 'kinesis', records: 6, failedRecords: 2, Received: 7, Evaluated: 4, Rejected: 2, Skipped: 1, Findings: 2, Delivered: 0, Cluster: 'prod-eks' }]);
  });

  it('answers a deliverable Kinesis batch with no failures, region from the record', async () => {
    const { cap, handler } = setup();
    const event = toKinesisEvent([cloudWatchLogsMessage([fresh(attackEvent(), 'k-3')], CW)], { ...KIN, region: 'us-west-2' });
    await expect(handler(event, lambdaContext())).resolves.toEqual({ batchItemFailures: [] });
    expect((JSON.parse(cap.out[0]!) as { kadet: { origin: { region: string } } }).kadet.origin.region).toBe('us-west-2');
  });

  it('fails the cold start naming the variable, and tries again on the next invocation', async () => {
    const { handler } = setup({ KADET_MIN_PRIORITY: 'loud' });
    await expect(handler(toCloudWatchControlMessage(), lambdaContext())).rejects.toThrow(/^KADET_MIN_PRIORITY: expected one of/);
    await expect(handler(toCloudWatchControlMessage(), lambdaContext())).rejects.toThrow(/^KADET_MIN_PRIORITY/);
  });
});
