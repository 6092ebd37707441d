import { SNSClient } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { deliver } from '../../shared/alerts/deliver.ts';
import { buildSinks, parseSinkSpecs } from '../../shared/alerts/sinks/registry.ts';
import { resolveSecrets } from '../../shared/alerts/sinks/secrets.ts';
import { findings, NO_WAIT, startServer } from './fixtures.ts';

// A tiny SNS speaking the Query protocol: form-encoded Action=PublishBatch in, XML out.
function publishBatchXml(ids: string[], failId?: string): string {
  const ok = ids.filter((id) => id !== failId).map((id) => `<member><Id>${id}</Id><MessageId>msg-${id}</MessageId></member>`).join('');
  const failed = failId === undefined ? '' : `<member><Id>${failId}</Id><Code>InternalError</Code><Message>boom</Message><SenderFault>false</SenderFault></member>`;
  return `<PublishBatchResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishBatchResult><Successful>${ok}</Successful><Failed>${failed}</Failed></PublishBatchResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishBatchResponse>`;
}

describe('sns sink against a local SNS endpoint', () => {
  it('sends real PublishBatch requests and resends the failed entry', async () => {
    let call = 0;
    const server = await startServer((req, res) => {
      const form = new URLSearchParams(req.body);
      const ids = [...form.keys()].filter((k) => /^PublishBatchRequestEntries\.member\.\d+\.Id$/.test(k)).map((k) => form.get(k) ?? '');
      res.setHeader('content-type', 'text/xml');
      res.end(publishBatchXml(ids, call++ === 0 ? 'm1' : undefined));
    });
    try {
      const client = (region: string) => new SNSClient({ region, endpoint: server.url, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'fake-secret' }, maxAttempts: 1 });
      const sinks = buildSinks(await resolveSecrets(parseSinkSpecs('sns:arn:aws:sns:eu-west-1:123456789012:kadet', {})), { snsClient: client });
      const report = await deliver(findings(3), sinks, { retry: NO_WAIT });
      expect(report).toEqual({ delivered: 3, sent: [{ sink: 'sns', count: 3 }], failed: [] });
      expect(server.requests).toHaveLength(2);
      const first = new URLSearchParams(server.requests[0]?.body);
      expect(first.get('Action')).toBe('PublishBatch');
      expect(first.get('TopicArn')).toBe('arn:aws:sns:eu-west-1:123456789012:kadet');
      expect(first.get('PublishBatchRequestEntries.member.1.Subject')).toBe('[Critical] Exec into kube-system pod - prod-eks');
      expect(first.get('PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Name')).toBe('priority');
      expect(first.get('PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Value.StringValue')).toBe('Critical');
      const second = new URLSearchParams(server.requests[1]?.body);
      expect(second.get('PublishBatchRequestEntries.member.1.Message')).toContain('ID:           f1');
      expect(second.has('PublishBatchRequestEntries.member.2.Id')).toBe(false);
      expect(server.requests[0]?.headers['authorization']).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\//);
    } finally {
      await server.close();
    }
  });
});
