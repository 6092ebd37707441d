import { describe, expect, it } from 'vitest';
import { Dedup } from '../../shared/alerts/dedup.ts';
import { assertDelivered, deliver } from '../../shared/alerts/deliver.ts';
import { DeliveryError, UndeliveredError } from '../../shared/alerts/errors.ts';
import { buildSinks, parseSinkSpecs } from '../../shared/alerts/sinks/registry.ts';
import { resolveSecrets } from '../../shared/alerts/sinks/secrets.ts';
import { findings, NO_WAIT, sampleFinding, scriptedSink, startServer } from './fixtures.ts';

const ok = async (fs: unknown[]) => ({ sent: fs.length });
const busy = async () => {
  throw new DeliveryError('busy', { retryable: true });
};

describe('deliver', () => {
  it('retries a sink that fails twice, then succeeds', async () => {
    const sink = scriptedSink('flaky', [busy, busy, ok]);
    const report = await deliver(findings(2), [sink], { retry: NO_WAIT });
    expect(report).toEqual({ delivered: 2, sent: [{ sink: 'flaky', count: 2 }], failed: [] });
    expect(sink.calls).toHaveLength(3);
  });

  it('re-sends only what a partial failure left pending', async () => {
    const sink = scriptedSink('partial', [
      async (fs) => {
        throw new DeliveryError('1 failed', { retryable: true, pending: fs.slice(1, 2) });
      },
      ok,
    ]);
    const report = await deliver(findings(3), [sink], { retry: NO_WAIT });
    expect(sink.calls.map((c) => c.map((f) => f.kadet.id))).toEqual([['f0', 'f1', 'f2'], ['f1']]);
    expect(report.sent).toEqual([{ sink: 'partial', count: 3 }]);
  });

  it('keeps going when one sink always fails, and reports it without the secret', async () => {
    const SECRET = 'T0001/B0002/s3cr3tT0ken';
    const server = await startServer((_q, res) => {
      res.statusCode = 500;
      res.end('internal error');
    });
    try {
      const env = { SLACK_URL: `${server.url}/services/${SECRET}` };
      const slack = buildSinks(await resolveSecrets(parseSinkSpecs('slack:env:SLACK_URL', env)), {})[0];
      const good = scriptedSink('stdout', [ok]);
      const report = await deliver(findings(1), [slack!, good], { retry: { ...NO_WAIT, maxAttempts: 3 } });
      expect(server.requests).toHaveLength(3);
      expect(report.delivered).toBe(0);
      expect(report.sent).toEqual([{ sink: 'slack', count: 0 }, { sink: 'stdout', count: 1 }]);
      expect(report.failed).toHaveLength(1);
      const error = report.failed[0]!.error;
      expect(error.message).toBe(`slack: gave up after 3 attempts: 1 of 1 not sent: POST ${server.url}/services/*** answered HTTP 500: internal error`);
      const everything = JSON.stringify({ report, chain: [error, error.cause].map((e) => String(e)) }) + String(error.stack);
      expect(everything).not.toContain(SECRET);
      expect(() => assertDelivered(report)).toThrow(UndeliveredError);
      expect(() => assertDelivered(report)).not.toThrow(SECRET);
    } finally {
      await server.close();
    }
  });

  it('applies each sink\'s minimum priority', async () => {
    const critical = scriptedSink('pager', [ok], 'Critical');
    const all = scriptedSink('log', [ok]);
    const fs = [sampleFinding({ priority: 'Warning' }, 'w'), sampleFinding({ priority: 'Critical' }, 'c'), sampleFinding({ priority: 'Emergency' }, 'e')];
    await deliver(fs, [critical, all]);
    expect(critical.calls[0]?.map((f) => f.kadet.id)).toEqual(['c', 'e']);
    expect(all.calls[0]).toHaveLength(3);
  });

  it('sends to sinks concurrently', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const slow = scriptedSink('slow', [async (fs) => (await gate, { sent: fs.length })]);
    const fast = scriptedSink('fast', [async (fs) => (release(), { sent: fs.length })]);
    await expect(deliver(findings(1), [slow, fast])).resolves.toMatchObject({ delivered: 1 });
  });

  it('with dedup, a redelivered batch goes only to the sink that failed before', async () => {
    const dedup = new Dedup(100);
    const a = scriptedSink('a', [ok]);
    const b = scriptedSink('b', [async () => { throw new DeliveryError('down', { retryable: false }); }, ok]);
    const first = await deliver(findings(2), [a, b], { dedup, retry: NO_WAIT });
    expect(first.failed.map((f) => f.sink)).toEqual(['b']);
    const again = await deliver(findings(2), [a, b], { dedup, retry: NO_WAIT });
    expect(again).toEqual({ delivered: 2, sent: [{ sink: 'a', count: 0 }, { sink: 'b', count: 2 }], failed: [] });
    expect(a.calls).toHaveLength(1);
    const third = await deliver(findings(2), [a, b], { dedup });
    expect(third.sent).toEqual([{ sink: 'a', count: 0 }, { sink: 'b', count: 0 }]);
  });
});
