import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReject } from '../shared/adapters/reject.ts';
import { emptyResult, type AdapterResult } from '../shared/adapters/types.ts';
import { ConfigError, readConfig } from '../shared/config.ts';
import { parseAuditEvent } from '../shared/event/parse.ts';
import { packageRoot } from '../shared/paths.ts';
import { createRuntime } from '../shared/runtime.ts';

const lines = readFileSync(join(packageRoot(), 'events', 'audit.log'), 'utf8').split('\n').filter(Boolean);
const crb = lines.find((l) => l.includes('backdoor-cluster-admin') && l.includes('"create"') && l.includes('ResponseComplete'))!;
const benign = lines[0]!;

const batch = (): AdapterResult => {
  const r = emptyResult();
  for (const l of [benign, crb]) r.events.push({ event: parseAuditEvent(JSON.parse(l)), origin: { provider: 'eks', cluster: 'prod-eks' } });
  r.rejects.push(makeReject('eks-cloudwatch', { logStream: 'kube-apiserver-audit-1', eventId: '42' }, 'json: Unexpected token', 'garbage'));
  r.skipped = 3;
  return r;
};

let failing: ReturnType<typeof createServer>;
let failingUrl = '';
beforeAll(async () => {
  failing = createServer((_req, res) => res.writeHead(500).end('nope'));
  await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
  failingUrl = `http://127.0.0.1:${(failing.address() as AddressInfo).port}/hook/SECRET-TOKEN-123`;
});
afterAll(() => failing.close());

describe('readConfig', () => {
  it('defaults to stdout, first matching and the 64 MiB decode cap', () => {
    expect(readConfig({})).toEqual({ sinks: 'stdout', ruleMatching: 'first', maxDecompressedBytes: 64 * 1024 * 1024 });
  });

  it.each([
    ['KADET_MIN_PRIORITY', 'loud', /^KADET_MIN_PRIORITY: expected one of Emergency/],
    ['KADET_RULE_MATCHING', 'some', /^KADET_RULE_MATCHING: expected one of first, all/],
    ['KADET_MAX_DECOMPRESSED_BYTES', '-1', /^KADET_MAX_DECOMPRESSED_BYTES: expected a positive integer/],
  ])('names %s when its value is bad', (name, value, message) => {
    expect(() => readConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => readConfig({ [name]: value })).toThrow(message);
  });
});

describe('Runtime', () => {
  it('evaluates, delivers findings, logs rejects and a batch summary', async () => {
    const logged: string[] = [];
    const out: string[] = [];
    const rt = await createRuntime({ KADET_SINKS: 'stdout' }, { log: (l) => logged.push(l), write: (l) => out.push(l) });
    const { summary, findings, undelivered } = await rt.process(batch());
    expect(findings.map((f) => f.rule)).toEqual(['Binding to cluster-admin Created']);
    expect(out.map((l) => (JSON.parse(l) as { rule: string }).rule)).toEqual(['Binding to cluster-admin Created']);
    expect(undelivered).toBe(false);
    expect(summary).toMatchObject({ received: 6, evaluated: 2, rejected: 1, skipped: 3, findings: 1, delivered: 1, failures: [] });
    expect(logged.map((l) => (JSON.parse(l) as { kadet: string }).kadet)).toEqual(['reject', 'batch']);
  });

  it('does not alert twice for a redelivered batch in the same instance', async () => {
    const out: string[] = [];
    const rt = await createRuntime({ KADET_SINKS: 'stdout' }, { log: () => undefined, write: (l) => out.push(l) });
    await rt.process(batch());
    await rt.process(batch());
    expect(out).toHaveLength(1);
  });

  it('reports an undeliverable finding without the secret in the URL', async () => {
    const rt = await createRuntime({ KADET_SINKS: `webhook:${failingUrl}` }, { log: () => undefined });
    const { summary, undelivered } = await rt.process(batch());
    expect(undelivered).toBe(true);
    expect(summary.failures).toHaveLength(1);
    expect(JSON.stringify(summary)).not.toContain('SECRET-TOKEN-123');
  }, 30_000);

  it('applies KADET_CLUSTER over what the adapter derived', async () => {
    const rt = await createRuntime({ KADET_SINKS: 'stdout', KADET_CLUSTER: 'renamed' }, { log: () => undefined, write: () => undefined });
    const { findings } = await rt.process(batch());
    expect(findings[0]?.kadet.origin.cluster).toBe('renamed');
  });

  it('fails at cold start, naming the variable, when the rules do not load', async () => {
    await expect(createRuntime({ KADET_RULES: '/nonexistent/rules.yaml' })).rejects.toThrow(/KADET_RULES|nonexistent/);
  });
});
