import { describe, expect, it } from 'vitest';
import { buildTestFinding, sendTestAlert, TEST_RULE } from '../../shared/alerts/test-alert.ts';
import { NO_WAIT, startServer } from './fixtures.ts';

describe('test alert', () => {
  it('is a Notice finding of the kadet test alert rule with a fresh id', () => {
    const a = buildTestFinding(new Date('2026-01-02T03:04:05Z'));
    expect(a).toMatchObject({ rule: TEST_RULE, priority: 'Notice', source: 'k8s_audit', time: '2026-01-02T03:04:05.000Z' });
    expect(buildTestFinding().kadet.id).not.toBe(buildTestFinding().kadet.id);
  });

  it('reports per sink, ignoring minimum priorities, without secrets', async () => {
    const good = await startServer();
    const bad = await startServer((_q, res) => {
      res.statusCode = 403;
      res.end('invalid_token');
    });
    try {
      const env = { GOOD: `${good.url}/services/T0/B0/g00d`, BAD: `${bad.url}/services/T0/B0/b4d` };
      const results = await sendTestAlert('slack:env:GOOD;min=Critical,webhook:env:BAD', env, { deliver: { retry: NO_WAIT } });
      expect(results).toEqual([
        { sink: 'slack', ok: true },
        { sink: 'webhook', ok: false, error: `webhook: gave up after 1 attempt: 1 of 1 not sent: POST ${bad.url}/services/*** answered HTTP 403: invalid_token` },
      ]);
      expect(JSON.parse(good.requests[0]?.body ?? '').text).toBe('[Notice] kadet test alert');
    } finally {
      await Promise.all([good.close(), bad.close()]);
    }
  });
});
