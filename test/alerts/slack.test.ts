import { describe, expect, it } from 'vitest';
import { deliver } from '../../shared/alerts/deliver.ts';
import { buildSinks, parseSinkSpecs } from '../../shared/alerts/sinks/registry.ts';
import { resolveSecrets } from '../../shared/alerts/sinks/secrets.ts';
import { escapeMrkdwn, SLACK_COLORS, slackPayload } from '../../shared/alerts/sinks/slack-format.ts';
import { findings, NO_WAIT, sampleFinding, startServer } from './fixtures.ts';

describe('Slack payload', () => {
  it('is a coloured attachment with header, facts, output and trace-back', () => {
    expect(slackPayload(sampleFinding())).toEqual({
      text: '[Critical] Exec into kube-system pod',
      attachments: [
        {
          color: SLACK_COLORS.Critical,
          blocks: [
            { type: 'header', text: { type: 'plain_text', text: '[Critical] Exec into kube-system pod', emoji: false } },
            {
              type: 'section',
              fields: [
                { type: 'mrkdwn', text: '*User*\nalice@example.com' },
                { type: 'mrkdwn', text: '*Namespace*\nkube-system' },
                { type: 'mrkdwn', text: '*Resource*\npods/coredns-7d8f/exec' },
                { type: 'mrkdwn', text: '*Cluster*\nprod-eks' },
                { type: 'mrkdwn', text: '*Source*\n203.0.113.7 · kubectl/v1.31.2 (linux/amd64) kubernetes/5864a46' },
                { type: 'mrkdwn', text: '*Time*\n2026-11-20T09:14:03.127890Z' },
              ],
            },
            { type: 'section', text: { type: 'mrkdwn', text: '```exec into kube-system pod (user=alice@example.com pod=coredns-7d8f ns=kube-system)```' } },
            {
              type: 'context',
              elements: [{ type: 'mrkdwn', text: 'finding `f0` · audit `5f0b6d1e-2b7c-4f5e-9a51-0d7c1b1e2a33` · ResponseStarted · /aws/eks/prod-eks/cluster kube-apiserver-audit-0f3c event 37915263849265392028447366211734819930112' }],
            },
          ],
        },
      ],
    });
  });

  it('adds the rule description when known, and colours by priority', () => {
    const p = slackPayload(sampleFinding({ priority: 'Notice' }), 'A <b> & c') as { attachments: { color: string; blocks: { text?: { text: string } }[] }[] };
    expect(p.attachments[0]?.color).toBe(SLACK_COLORS.Notice);
    expect(p.attachments[0]?.blocks[1]?.text?.text).toBe('A &lt;b&gt; &amp; c');
  });

  it('escapes mrkdwn and keeps Block Kit limits', () => {
    expect(escapeMrkdwn('<@U123> & <!channel>')).toBe('&lt;@U123&gt; &amp; &lt;!channel&gt;');
    const big = slackPayload(sampleFinding({ rule: 'r'.repeat(500), output: '```' + 'o'.repeat(10_000) })) as { attachments: { blocks: { text?: { text: string } }[] }[] };
    const [header, , output] = big.attachments[0]?.blocks ?? [];
    expect([...(header?.text?.text ?? '')].length).toBeLessThanOrEqual(150);
    expect(output?.text?.text.length).toBeLessThanOrEqual(3000);
    expect(output?.text?.text.match(/```/g)).toHaveLength(2);
  });
});

describe('slack sink against a local webhook', () => {
  it('posts one JSON message per finding and honours a 429 Retry-After', async () => {
    let n = 0;
    const server = await startServer((_q, res) => {
      if (n++ === 0) {
        res.writeHead(429, { 'retry-after': '1' });
        res.end('rate_limited');
      } else res.end('ok');
    });
    try {
      const env = { SLACK_URL: `${server.url}/services/T0/B0/s3cr3t` };
      const sinks = buildSinks(await resolveSecrets(parseSinkSpecs('slack:env:SLACK_URL', env)));
      const sleeps: number[] = [];
      const report = await deliver(findings(2), sinks, { retry: { ...NO_WAIT, sleep: async (ms) => void sleeps.push(ms) } });
      expect(report.failed).toEqual([]);
      expect(sleeps).toEqual([1000]);
      expect(server.requests.map((r) => r.url)).toEqual(['/services/T0/B0/s3cr3t', '/services/T0/B0/s3cr3t', '/services/T0/B0/s3cr3t']);
      expect(server.requests[0]?.headers['content-type']).toBe('application/json');
      // f0 was refused with 429, f1 went through, then only f0 was re-sent.
      expect(server.requests.map((r) => JSON.parse(r.body).attachments[0].blocks[3].elements[0].text.slice(0, 12))).toEqual(['finding `f0`', 'finding `f1`', 'finding `f0`']);
      expect(JSON.parse(server.requests[1]?.body ?? '')).toEqual(slackPayload(sampleFinding({}, 'f1')));
    } finally {
      await server.close();
    }
  });
});
