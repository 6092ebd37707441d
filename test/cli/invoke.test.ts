import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../shared/paths.ts';

const root = packageRoot();

/** Runs the real `kadet invoke` in a child process: each function reads its environment at cold start. */
const invoke = (fn: string, sample: string, env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [join(root, 'shared/cli/kadet.js'), 'invoke', fn, '--event', join(root, 'events', sample)], {
    encoding: 'utf8',
    env: { ...process.env, KADET_SINKS: 'stdout', ...env },
  });
  const lines = r.stdout.split('\n').filter(Boolean);
  const findings = lines.filter((l) => l.startsWith('{"time"')).map((l) => JSON.parse(l) as { rule: string; kadet: { origin: { provider: string } } });
  const response = lines.find((l) => l.startsWith('response: '))?.slice('response: '.length);
  return { status: r.status, findings, response: response === undefined ? undefined : (JSON.parse(response) as unknown), stderr: r.stderr };
};

describe('kadet invoke', () => {
  it.each([
    ['eks-cloudwatch', 'eks-cloudwatch-subscription.json', 'eks', null],
    ['eks-cloudwatch', 'eks-kinesis.json', 'eks', { batchItemFailures: [] }],
    ['aks-eventhub', 'aks-eventhub.json', 'aks', { status: 'succeeded' }],
    ['gke-pubsub', 'gke-pubsub-cloudevent.json', 'gke', { acknowledged: true }],
  ])('runs %s on events/%s: findings from the attack story and the platform answer', (fn, sample, provider, response) => {
    const r = invoke(fn, sample);
    expect(r.status, r.stderr).toBe(0);
    expect(r.findings.length).toBeGreaterThan(0);
    expect(new Set(r.findings.map((f) => f.kadet.origin.provider))).toEqual(new Set([provider]));
    expect(r.response).toEqual(response);
  });

  it('answers the Pub/Sub push sample with 200 and the summary', () => {
    const r = invoke('gke-pubsub', 'gke-pubsub-push.json');
    expect(r.status).toBe(0);
    expect(r.response).toMatchObject({ status: 200, body: { ok: true, summary: { evaluated: 1, findings: 1 } } });
  });

  it.each(['onprem-webhook-apigw-v1.json', 'onprem-webhook-apigw-v2.json'])('answers the API Gateway sample %s with 200 and the pipeline summary', (sample) => {
    const r = invoke('onprem-webhook', sample);
    expect(r.status).toBe(0);
    const res = r.response as { statusCode: number; body: string };
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ evaluated: 80, rejected: 0 });
    expect(r.findings.every((f) => f.kadet.origin.provider === 'onprem')).toBe(true);
  });

  it('answers 401 when the configured token is not the one the request carries', () => {
    const r = invoke('onprem-webhook', 'onprem-webhook-apigw-v1.json', { KADET_WEBHOOK_TOKEN: 'a-different-token-of-enough-length' });
    expect((r.response as { statusCode: number }).statusCode).toBe(401);
    expect(r.findings).toEqual([]);
  });

  it('exits 1 with the function error when findings cannot be delivered', () => {
    const r = invoke('eks-cloudwatch', 'eks-cloudwatch-subscription.json', { KADET_SINKS: 'webhook:http://127.0.0.1:9/hook/SECRET-PATH-TOKEN' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/function error: /);
    expect(r.stderr).not.toContain('SECRET-PATH-TOKEN');
  }, 60_000);

  it('exits 2 for an unknown function', () => {
    expect(invoke('lambda-x', 'eks-kinesis.json').status).toBe(2);
  });
});
