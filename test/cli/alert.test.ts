import { runCli } from '../helpers/cli.ts';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TEST_RULE } from '../../shared/alerts/test-alert.ts';

const TOKEN = 'tok-5ecr3t-alert-31f2';
const HEADER_SECRET = 'Bearer hdr-5ecr3t-77aa';

/** A local receiver: 200 on /ok/…, 500 on anything else; keeps what it was sent. */
const received: { url: string; headers: IncomingHttpHeaders; body: { rule: string; priority: string } }[] = [];
const receiver = createServer((req, res) => {
  let data = '';
  req.on('data', (chunk: Buffer) => (data += chunk.toString()));
  req.on('end', () => {
    received.push({ url: req.url ?? '', headers: req.headers, body: JSON.parse(data) as { rule: string; priority: string } });
    res.writeHead(req.url?.startsWith('/ok/') ? 200 : 500).end(req.url?.startsWith('/ok/') ? 'ok' : 'receiver down');
  });
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));
afterEach(() => {
  received.length = 0;
  vi.unstubAllEnvs();
});

const run = runCli;

describe('kadet alert test', () => {
  it('sends the test finding to a webhook and reports it ok (exit 0), whatever its min= says', async () => {
    const { code, out } = await run('alert', 'test', '--sink', `webhook:${base}/ok/hook;min=Critical`);
    expect(code).toBe(0);
    expect(out).toMatch(/^webhook {2}ok$/m);
    expect(out).toMatch(/test alert delivered to 1 sink\(s\)/);
    expect(received.map((r) => [r.body.rule, r.body.priority])).toEqual([[TEST_RULE, 'Notice']]);
  });

  it('tests every --sink given, printing the stdout sink through the CLI output', async () => {
    const { code, out } = await run('alert', 'test', '--sink', 'stdout', '--sink', `webhook:${base}/ok/a;name=sidekick`);
    expect(code).toBe(0);
    expect(out).toMatch(/^stdout {4}ok$/m);
    expect(out).toMatch(/^sidekick {2}ok$/m);
    const finding = out.split('\n').find((l) => l.startsWith('{'));
    expect(JSON.parse(finding!)).toMatchObject({ rule: TEST_RULE, source: 'k8s_audit' });
    expect(received).toHaveLength(1);
  });

  it('takes a whole list with --sinks', async () => {
    const { code, out } = await run('alert', 'test', '--sinks', `webhook:${base}/ok/1,webhook:${base}/ok/2`, '--format', 'json');
    expect(code).toBe(0);
    expect(JSON.parse(out.trim().split('\n').at(-1)!)).toEqual({ results: [{ sink: 'webhook#1', ok: true }, { sink: 'webhook#2', ok: true }] });
    expect(received.map((r) => r.url).sort()).toEqual(['/ok/1', '/ok/2']);
  });

  it('defaults to KADET_SINKS from the environment', async () => {
    vi.stubEnv('KADET_SINKS', `webhook:${base}/ok/from-env`);
    const { code } = await run('alert', 'test');
    expect(code).toBe(0);
    expect(received.map((r) => r.url)).toEqual(['/ok/from-env']);
  });

  it('exits 1 and says which sink failed, with no secret from the URL or a header in the output', async () => {
    vi.stubEnv('HOOK_URL', `${base}/hook/${TOKEN}`);
    vi.stubEnv('HOOK_AUTH', HEADER_SECRET);
    const { code, out, err } = await run('alert', 'test', '--sink', `webhook:${base}/ok/fine`, '--sink', 'webhook:env:HOOK_URL;header=Authorization:env:HOOK_AUTH');
    expect(code).toBe(1);
    expect(out).toMatch(/^webhook#1 {2}ok$/m);
    expect(out).toMatch(/^webhook#2 {2}failed {2}webhook#2: gave up after 3 attempts: .*POST http:\/\/127\.0\.0\.1:\d+\/hook\/\*\*\* answered HTTP 500/m);
    expect(out).toMatch(/1 of 2 sink\(s\) failed/);
    expect(received.find((r) => r.url.includes(TOKEN))?.headers['authorization']).toBe(HEADER_SECRET);
    expect(out + err).not.toContain(TOKEN);
    expect(out + err).not.toContain('hdr-5ecr3t');
  });

  it('is a usage error (exit 2) when no sinks are given anywhere', async () => {
    vi.stubEnv('KADET_SINKS', '');
    const { code, err } = await run('alert', 'test');
    expect(code).toBe(2);
    expect(err).toMatch(/no sinks to test: give --sink SPEC/);
  });

  it('is a usage error (exit 2) naming the entry when a spec is bad, without sending anything', async () => {
    const { code, err } = await run('alert', 'test', '--sink', `webhook:${base}/ok/x`, '--sink', 'carrier-pigeon:coo');
    expect(code).toBe(2);
    expect(err).toMatch(/entry 2: .*carrier-pigeon/);
    expect(received).toEqual([]);
  });
});
