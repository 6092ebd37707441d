import { request } from 'node:http';
import { spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { toEventList } from '../../shared/adapters/webhook-eventlist.ts';
import { memoryIO } from '../../shared/cli/io.ts';
import { main } from '../../shared/cli/main.ts';
import { serve } from '../../shared/cli/serve-run.ts';
import type { ServeOptions } from '../../shared/cli/serve.ts';
import type { AuditEvent } from '../../shared/event/types.ts';
import type { WebhookServer } from '../../shared/webhook/server.ts';
import { ATTACK_RULE, attackEvent, benignEvent, localServer } from '../webhook/support.ts';

const TOKEN = 'kadet-serve-token-0123456789abcdef';
const dir = mkdtempSync(join(tmpdir(), 'kadet-serve-'));
const file = (name: string, content: string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const fresh = (e: AuditEvent, id: string): AuditEvent => ({ ...structuredClone(e), auditID: id });
const list = (...events: AuditEvent[]): string => JSON.stringify(toEventList(events));

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request on its own connection (no pooling, so shutdown tests see real connection behaviour). */
function send(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer; ca?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const make = url.startsWith('https:') ? httpsRequest : httpRequest;
    const req = make(url, { method: opts.method ?? 'POST', headers: opts.headers ?? {}, agent: false, ...(opts.ca ? { ca: opts.ca } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

interface Running {
  server: WebhookServer;
  io: ReturnType<typeof memoryIO>;
  signals: EventEmitter;
  done: Promise<number>;
}
const running: Running[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    r.signals.emit('SIGTERM');
    await r.done;
  }
});

/** Starts `serve` on 127.0.0.1:0 with stdout findings; stopped after each test unless the test stops it. */
async function start(over: Partial<ServeOptions> = {}): Promise<Running> {
  const io = memoryIO();
  const signals = new EventEmitter();
  let listening!: (s: WebhookServer) => void;
  const ready = new Promise<WebhookServer>((resolve) => (listening = resolve));
  const opts: ServeOptions = { port: 0, host: '127.0.0.1', path: '/k8s-audit', maxBodyBytes: 1024 * 1024, sinks: 'stdout', ...over };
  const done = serve(opts, io, { env: {}, signals, onListening: listening });
  const server = await Promise.race([ready, done.then(() => Promise.reject(new Error(`serve ended: ${io.stderr()}`)))]);
  const r = { server, io, signals, done };
  running.push(r);
  return r;
}

const json = { 'content-type': 'application/json' };

describe('kadet serve', () => {
  it('receives an EventList over HTTP, alerts, answers the summary and logs a line per batch', async () => {
    const { server, io } = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/k8s-audit$/);
    const res = await send(`${server.url}/lab`, { headers: json, body: list(benignEvent(), attackEvent()) });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ received: 2, evaluated: 2, findings: 1, delivered: 1 });
    const finding = JSON.parse(io.stdout().trim()) as { rule: string; kadet: { origin: { cluster: string; provider: string } } };
    expect(finding).toMatchObject({ rule: ATTACK_RULE, kadet: { origin: { cluster: 'lab', provider: 'onprem' } } });
    expect(io.stderr()).toContain('listening on http://127.0.0.1:');
    expect(io.stderr()).toContain('WITHOUT authentication');
    expect(io.stderr()).toMatch(/^\{"kadet":"batch","received":2,/m);
  });

  it('accepts an array of Events and a gzip body on the Falco k8saudit path, and answers GET /healthz', async () => {
    const { server } = await start();
    const arr = await send(server.url, { headers: json, body: JSON.stringify([benignEvent(), benignEvent()]) });
    expect(JSON.parse(arr.body)).toMatchObject({ evaluated: 2 });
    const gz = await send(`${server.url}?cluster=lab`, { headers: { ...json, 'content-encoding': 'gzip' }, body: gzipSync(list(benignEvent())) });
    expect(gz.status).toBe(200);
    const health = await send(server.url.replace('/k8s-audit', '/healthz'), { method: 'GET' });
    expect(health).toMatchObject({ status: 200, body: 'ok\n' });
    expect((await send(server.url.replace('/k8s-audit', '/other'), { headers: json, body: '[]' })).status).toBe(404);
  });

  it('requires the bearer token from --token-file', async () => {
    const { server, io } = await start({ tokenFile: file('token', `${TOKEN}\n`) });
    expect((await send(server.url, { headers: json, body: list(benignEvent()) })).status).toBe(401);
    const wrong = await send(server.url, { headers: { ...json, authorization: 'Bearer x-wrong-token-0123456789abcdef' }, body: list(benignEvent()) });
    expect(wrong.status).toBe(401);
    expect(wrong.body).not.toContain('x-wrong-token');
    expect((await send(server.url, { headers: { ...json, authorization: `Bearer ${TOKEN}` }, body: list(benignEvent()) })).status).toBe(200);
    expect(io.stderr()).toContain('(bearer token required)');
    expect(io.stderr()).not.toContain(TOKEN);
  });

  it('refuses a request without the token from its headers alone, before any of the body arrives', async () => {
    const { server } = await start({ tokenFile: file('token', `${TOKEN}\n`) });
    const url = new URL(server.url);
    // Announce 5 MB and send none of it: an answer can only come from the headers.
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { ...json, 'content-length': String(5 * 1024 * 1024) } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(status).toBe(401);
  });

  it('answers 413 for a body over --max-body-bytes without keeping it, so the client reads the advice', async () => {
    const { server } = await start({ maxBodyBytes: 1000 });
    const res = await send(server.url, { headers: json, body: Buffer.alloc(5 * 1024 * 1024, 0x20) });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).message).toContain('--audit-webhook-batch-max-size');
    expect((await send(server.url, { headers: json, body: '[]' })).status).toBe(200);
  });

  const openssl = spawnSync('openssl', ['version']).status === 0;
  it.skipIf(!openssl)(`serves HTTPS with --tls-cert/--tls-key${openssl ? '' : ' (skipped: no openssl binary to make a self-signed certificate)'}`, async () => {
    const key = join(dir, 'tls.key');
    const cert = join(dir, 'tls.crt');
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1']);
    expect(made.status, made.stderr.toString()).toBe(0);
    const { server } = await start({ tlsCert: cert, tlsKey: key, tokenFile: file('token', TOKEN) });
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/k8s-audit$/);
    const ca = (await import('node:fs')).readFileSync(cert, 'utf8');
    const res = await send(`${server.url}/secure`, { headers: { ...json, authorization: `Bearer ${TOKEN}` }, body: list(fresh(attackEvent(), 'tls-1')), ca });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ findings: 1 });
    await expect(send(server.url, { headers: json, body: '[]' })).rejects.toThrow(/self-signed|certificate/);
  });

  it('shuts down gracefully on SIGTERM: stops accepting, finishes the in-flight batch, then exits 0', async () => {
    let arrived!: () => void;
    const atSink = new Promise<void>((resolve) => (arrived = resolve));
    const slow = await localServer((_req, res) => {
      arrived();
      setTimeout(() => res.writeHead(200).end(), 300);
    });
    try {
      const r = await start({ sinks: `webhook:${slow.url}/falcosidekick` });
      running.splice(running.indexOf(r), 1);
      const inFlight = send(`${r.server.url}/lab`, { headers: json, body: list(fresh(attackEvent(), 'g-1')) });
      await atSink;
      expect(r.server.inFlight()).toBe(1);
      r.signals.emit('SIGTERM');
      await new Promise((resolve) => setImmediate(resolve));
      await expect(send(r.server.url, { headers: json, body: '[]' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toMatchObject({ findings: 1, delivered: 1 });
      expect(await r.done).toBe(0);
      expect(r.io.stderr()).toMatch(/SIGTERM: not accepting new connections, finishing 1 in-flight request\(s\)/);
      expect(r.io.stderr()).toMatch(/kadet serve: stopped\n$/);
    } finally {
      await slow.close();
    }
  });

  it('reports bad options as usage errors (exit 2)', async () => {
    const run = async (...argv: string[]) => {
      const io = memoryIO();
      return { code: await main(argv, io), err: io.stderr() };
    };
    expect(await run('serve', '--port', 'http')).toMatchObject({ code: 2, err: expect.stringMatching(/--port.*expected an integer from 0 to 65535/) });
    expect(await run('serve', '--tls-cert', 'x.pem')).toMatchObject({ code: 2, err: 'kadet: --tls-cert and --tls-key go together\n' });
    expect(await run('serve', '--token-file', join(dir, 'missing'))).toMatchObject({ code: 2, err: expect.stringMatching(/--token-file: cannot read .*ENOENT/) });
    expect(await run('serve', '--token-file', file('short', 'abc'))).toMatchObject({ code: 2, err: expect.stringMatching(/--token-file: the token is shorter than 16/) });
    const busy = await start();
    expect(await run('serve', '--host', '127.0.0.1', '--port', String(busy.server.port))).toMatchObject({ code: 2, err: expect.stringMatching(/cannot listen on 127\.0\.0\.1:\d+: EADDRINUSE/) });
  });
});
