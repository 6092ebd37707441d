import { PublishBatchCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { deliver } from '../../shared/alerts/deliver.ts';
import { DeliveryError } from '../../shared/alerts/errors.ts';
import { buildSinks, parseSinkSpecs } from '../../shared/alerts/sinks/registry.ts';
import { resolveSecrets } from '../../shared/alerts/sinks/secrets.ts';
import { findings, NO_WAIT } from './fixtures.ts';

const ARN = 'arn:aws:sns:eu-west-1:123456789012:kadet';
const snsMock = mockClient(SNSClient);
afterEach(() => snsMock.reset());

async function snsSinkFor(arn = ARN, client?: (region: string) => SNSClient) {
  const [sink] = buildSinks(await resolveSecrets(parseSinkSpecs(`sns:${arn}`, {})), { snsClient: client ?? ((region) => new SNSClient({ region })) });
  if (sink === undefined) throw new Error('no sink');
  return sink;
}
const ok = (n: number) => ({ Successful: Array.from({ length: n }, (_, i) => ({ Id: `m${i}`, MessageId: `id-${i}` })), Failed: [] });

describe('sns sink (mocked SDK)', () => {
  it('publishes in batches of at most 10 with subject and filterable attributes', async () => {
    snsMock.on(PublishBatchCommand).callsFake((input: { PublishBatchRequestEntries: unknown[] }) => ok(input.PublishBatchRequestEntries.length));
    const sink = await snsSinkFor();
    expect(await sink.send(findings(23))).toEqual({ sent: 23 });
    const calls = snsMock.commandCalls(PublishBatchCommand);
    expect(calls.map((c) => c.args[0].input.PublishBatchRequestEntries?.length)).toEqual([10, 10, 3]);
    const first = calls[0]?.args[0].input;
    expect(first?.TopicArn).toBe(ARN);
    expect(first?.PublishBatchRequestEntries?.[0]).toMatchObject({
      Id: 'm0',
      Subject: '[Critical] Exec into kube-system pod - prod-eks',
      MessageAttributes: {
        priority: { DataType: 'String', StringValue: 'Critical' },
        rule: { DataType: 'String', StringValue: 'Exec into kube-system pod' },
        cluster: { DataType: 'String', StringValue: 'prod-eks' },
        provider: { DataType: 'String', StringValue: 'eks' },
      },
    });
    expect(first?.PublishBatchRequestEntries?.[0]).not.toHaveProperty('MessageGroupId');
  });

  it('retries only the entries PublishBatch reported as Failed', async () => {
    snsMock
      .on(PublishBatchCommand)
      .resolvesOnce({ Successful: [{ Id: 'm0', MessageId: 'a' }, { Id: 'm2', MessageId: 'c' }], Failed: [{ Id: 'm1', Code: 'InternalError', SenderFault: false, Message: 'try again' }] })
      .resolves(ok(1));
    const sink = await snsSinkFor();
    const report = await deliver(findings(3), [sink], { retry: NO_WAIT });
    expect(report).toEqual({ delivered: 3, sent: [{ sink: 'sns', count: 3 }], failed: [] });
    const second = snsMock.commandCalls(PublishBatchCommand)[1]?.args[0].input.PublishBatchRequestEntries ?? [];
    expect(second).toHaveLength(1);
    expect(second[0]?.Message).toContain('ID:           f1');
  });

  it('does not retry an entry failed by the sender, and reports it', async () => {
    snsMock.on(PublishBatchCommand).resolves({ Successful: [{ Id: 'm0', MessageId: 'a' }], Failed: [{ Id: 'm1', Code: 'InvalidParameter', SenderFault: true, Message: 'bad' }] });
    const report = await deliver(findings(2), [await snsSinkFor()], { retry: NO_WAIT });
    expect(snsMock.commandCalls(PublishBatchCommand)).toHaveLength(1);
    expect(report.delivered).toBe(1);
    expect(report.failed[0]?.error.message).toBe(`sns: gave up after 1 attempt: sns ${ARN}: 1 of 2 not published: entry failed: InvalidParameter (sender fault)`);
  });

  it('retries a throttled call, and gives up on an authorization error', async () => {
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'Throttled', $fault: 'client', $metadata: { httpStatusCode: 429 } });
    snsMock.on(PublishBatchCommand).rejectsOnce(throttled).resolves(ok(2));
    expect((await deliver(findings(2), [await snsSinkFor()], { retry: NO_WAIT })).failed).toEqual([]);
    snsMock.reset();
    const denied = Object.assign(new Error('not authorized'), { name: 'AuthorizationErrorException', $fault: 'client', $metadata: { httpStatusCode: 403 } });
    snsMock.on(PublishBatchCommand).rejects(denied);
    const report = await deliver(findings(2), [await snsSinkFor()], { retry: NO_WAIT });
    expect(snsMock.commandCalls(PublishBatchCommand)).toHaveLength(1);
    expect(report.failed[0]?.error).toBeInstanceOf(DeliveryError);
    expect(report.failed[0]?.error.retryable).toBe(false);
  });

  it('sets a message group and the finding id as deduplication id on a FIFO topic', async () => {
    snsMock.on(PublishBatchCommand).resolves(ok(1));
    await (await snsSinkFor(`${ARN}.fifo`)).send(findings(1));
    expect(snsMock.commandCalls(PublishBatchCommand)[0]?.args[0].input.PublishBatchRequestEntries?.[0]).toMatchObject({ MessageGroupId: 'kadet', MessageDeduplicationId: 'f0' });
  });
});
