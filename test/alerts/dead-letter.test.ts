import { PublishBatchCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { makeReject } from '../../shared/adapters/reject.ts';
import { loadDeadLetterTargets, rejectLogLine, reportRejects } from '../../shared/alerts/dead-letter.ts';
import { REJECTS_PER_POST, rejectSnsEntry } from '../../shared/alerts/dead-letter-targets.ts';
import { NO_WAIT, startServer } from './fixtures.ts';

const reject = makeReject('eks', { logGroup: '/aws/eks/prod-eks/cluster', logStream: 'kube-apiserver-audit-1', eventId: '42', record: 3 }, 'json: Unexpected token } in JSON', '{"kind":"Event",}');
const snsMock = mockClient(SNSClient);
afterEach(() => snsMock.reset());

describe('dead letter', () => {
  it('always logs one {"kadet":"reject"} line per reject', async () => {
    const lines: string[] = [];
    const report = await reportRejects([reject, reject], { write: (l) => lines.push(l) });
    expect(report).toEqual({ logged: 2, failed: [] });
    expect(JSON.parse(lines[0] ?? '')).toEqual({
      kadet: 'reject',
      adapter: 'eks',
      reason: 'json: Unexpected token } in JSON',
      at: '/aws/eks/prod-eks/cluster kube-apiserver-audit-1 event 42 record 3',
      where: { logGroup: '/aws/eks/prod-eks/cluster', logStream: 'kube-apiserver-audit-1', eventId: '42', record: 3 },
      raw: '{"kind":"Event",}',
    });
    expect(rejectLogLine(reject)).toBe(lines[0]);
  });

  it('formats a reject for SNS with an ASCII subject and the raw record', () => {
    expect(rejectSnsEntry(reject)).toMatchObject({ subject: '[kadet] rejected eks record - json: Unexpected token } in JSON', attributes: { kind: 'reject', adapter: 'eks' } });
    expect(rejectSnsEntry(reject).message).toContain('Where:  /aws/eks/prod-eks/cluster kube-apiserver-audit-1 event 42 record 3');
  });

  it('sends rejects to an SNS topic and a webhook from KADET_DEAD_LETTER', async () => {
    snsMock.on(PublishBatchCommand).resolves({ Successful: [{ Id: 'm0', MessageId: 'a' }], Failed: [] });
    const server = await startServer();
    try {
      const targets = await loadDeadLetterTargets(
        { KADET_DEAD_LETTER: `sns:arn:aws:sns:eu-west-1:123456789012:kadet-rejects,webhook:${server.url}/dlq;header=X-Key:env:KEY`, KEY: 'k3y' },
        { snsClient: (region) => new SNSClient({ region }) },
      );
      const report = await reportRejects([reject], { write: () => {}, targets, retry: NO_WAIT });
      expect(report.failed).toEqual([]);
      expect(snsMock.commandCalls(PublishBatchCommand)[0]?.args[0].input.TopicArn).toBe('arn:aws:sns:eu-west-1:123456789012:kadet-rejects');
      expect(server.requests[0]?.headers['x-key']).toBe('k3y');
      expect(JSON.parse(server.requests[0]?.body ?? '')).toMatchObject({ kadet: 'rejects', items: [{ kadet: 'reject', adapter: 'eks', raw: '{"kind":"Event",}' }] });
    } finally {
      await server.close();
    }
  });

  it('posts a large batch of rejects in slices, and a retry re-sends only the slices that failed', async () => {
    let calls = 0;
    const server = await startServer((_q, res) => {
      res.statusCode = ++calls === 2 ? 503 : 200;
      res.end();
    });
    try {
      const targets = await loadDeadLetterTargets({ KADET_DEAD_LETTER: `webhook:${server.url}/dlq` });
      const many = Array.from({ length: 2 * REJECTS_PER_POST + 50 }, () => reject);
      const report = await reportRejects(many, { write: () => {}, targets, retry: NO_WAIT });
      expect(report.failed).toEqual([]);
      const sizes = server.requests.map((r) => (JSON.parse(r.body) as { items: unknown[] }).items.length);
      expect(sizes).toEqual([REJECTS_PER_POST, REJECTS_PER_POST, REJECTS_PER_POST, 50]);
    } finally {
      await server.close();
    }
  });

  it('reports a failing target but still logs', async () => {
    const server = await startServer((_q, res) => {
      res.statusCode = 500;
      res.end();
    });
    try {
      const targets = await loadDeadLetterTargets({ KADET_DEAD_LETTER: `webhook:${server.url}/dlq` });
      const lines: string[] = [];
      const report = await reportRejects([reject], { write: (l) => lines.push(l), targets, retry: NO_WAIT });
      expect(lines).toHaveLength(1);
      expect(report.failed.map((f) => f.target)).toEqual(['webhook']);
    } finally {
      await server.close();
    }
  });

  it('accepts no sink types but sns and webhook, and no min=', async () => {
    await expect(loadDeadLetterTargets({ KADET_DEAD_LETTER: 'slack:env:X', X: 'https://x/' })).rejects.toThrow('KADET_DEAD_LETTER entry 1: unknown sink "slack" (known: sns, webhook)');
    await expect(loadDeadLetterTargets({ KADET_DEAD_LETTER: 'webhook:https://x/;min=Error' })).rejects.toThrow('KADET_DEAD_LETTER entry 1: min= does not apply to rejects');
    expect(await loadDeadLetterTargets({})).toEqual([]);
  });
});
