import { describe, expect, it } from 'vitest';
import { deliver } from '../../shared/alerts/deliver.ts';
import { buildSinks, parseSinkSpecs } from '../../shared/alerts/sinks/registry.ts';
import { resolveSecrets } from '../../shared/alerts/sinks/secrets.ts';
import { stdoutSink } from '../../shared/alerts/sinks/stdout.ts';
import { webhookBody } from '../../shared/alerts/sinks/webhook.ts';
import { findings, NO_WAIT, sampleFinding, startServer } from './fixtures.ts';

describe('webhook body', () => {
  it("is the Falco JSON alert: Falco's fields, plus the kadet block", () => {
    const body = JSON.parse(JSON.stringify(webhookBody(sampleFinding())));
    expect(Object.keys(body)).toEqual(['time', 'rule', 'priority', 'output', 'output_fields', 'source', 'tags', 'hostname', 'kadet']);
    expect(body).toMatchObject({ rule: 'Exec into kube-system pod', priority: 'Critical', source: 'k8s_audit', output_fields: { 'ka.user.name': 'alice@example.com' } });
  });
});

describe('webhook sink against a local receiver', () => {
  it('posts each finding on its own with the configured header', async () => {
    const server = await startServer();
    try {
      const env = { TOKEN: 'Bearer t0k3n' };
      const sinks = buildSinks(await resolveSecrets(parseSinkSpecs(`webhook:${server.url}/;header=Authorization:env:TOKEN`, env)));
      const report = await deliver(findings(3), sinks);
      expect(report.sent).toEqual([{ sink: 'webhook', count: 3 }]);
      expect(server.requests).toHaveLength(3);
      for (const r of server.requests) {
        expect(r).toMatchObject({ method: 'POST', url: '/' });
        expect(r.headers).toMatchObject({ authorization: 'Bearer t0k3n', 'content-type': 'application/json' });
      }
      expect(server.requests.map((r) => JSON.parse(r.body).kadet.id).sort()).toEqual(['f0', 'f1', 'f2']);
    } finally {
      await server.close();
    }
  });

  it('re-sends only the findings the receiver refused with a retryable status', async () => {
    const server = await startServer((req, res) => {
      const id = JSON.parse(req.body).kadet.id;
      const seen = server.requests.filter((r) => JSON.parse(r.body).kadet.id === id).length;
      res.statusCode = id === 'f1' && seen === 1 ? 502 : 200;
      res.end();
    });
    try {
      const sinks = buildSinks(await resolveSecrets(parseSinkSpecs(`webhook:${server.url}/`, {})));
      const report = await deliver(findings(3), sinks, { retry: NO_WAIT });
      expect(report.failed).toEqual([]);
      expect(server.requests.map((r) => JSON.parse(r.body).kadet.id).sort()).toEqual(['f0', 'f1', 'f1', 'f2']);
    } finally {
      await server.close();
    }
  });

  it('keeps the header value out of a failure report', async () => {
    const server = await startServer((_q, res) => {
      res.statusCode = 401;
      res.end('bad token Bearer t0k3n');
    });
    try {
      const sinks = buildSinks(await resolveSecrets(parseSinkSpecs(`webhook:${server.url}/hook;header=Authorization:env:TOKEN`, { TOKEN: 'Bearer t0k3n' })));
      const report = await deliver(findings(1), sinks, { retry: NO_WAIT });
      expect(report.failed[0]?.error.message).toBe(`webhook: gave up after 1 attempt: 1 of 1 not sent: POST ${server.url}/hook answered HTTP 401: bad token ***`);
    } finally {
      await server.close();
    }
  });
});

describe('stdout sink', () => {
  it('writes one JSON line per finding to the injected writer', async () => {
    const lines: string[] = [];
    const sink = stdoutSink({ variable: 'KADET_SINKS', entry: 1, scheme: 'stdout', name: 'stdout', headers: [] }, { write: (l) => lines.push(l) });
    expect(await sink.send(findings(2))).toEqual({ sent: 2 });
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
    expect(JSON.parse(lines[1] ?? '')).toEqual(sampleFinding({}, 'f1'));
  });
});
