import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSettings } from '../../../infra/aws/lib/settings.ts';
import { parseSinkSettings } from '../../../infra/aws/lib/sink-access.ts';
import { stubFunctionsDir } from './support.ts';

const read = (ctx: Record<string, unknown>) => readSettings((k) => ctx[k]);

describe('CDK context settings', () => {
  it('defaults: no clusters, direct subscription, webhook on, 90 days of logs', () => {
    expect(read({})).toEqual({ clusters: [], kinesis: false, webhook: true, logRetentionDays: 90 });
  });

  it('reads CLI strings and cdk.json values alike', () => {
    expect(read({ clusters: ' prod, staging ', kinesis: 'true', webhook: 'false', logRetentionDays: '30', minPriority: 'warning', alertEmail: 'a@example.com' })).toEqual({
      clusters: ['prod', 'staging'],
      kinesis: true,
      webhook: false,
      logRetentionDays: 30,
      minPriority: 'Warning',
      alertEmail: 'a@example.com',
    });
    expect(read({ clusters: ['prod'], kinesis: true, logRetentionDays: 365 })).toMatchObject({ clusters: ['prod'], kinesis: true, logRetentionDays: 365 });
  });

  it.each([
    [{ clusters: 'prod/x' }, 'context clusters: "prod/x" is not an EKS cluster name'],
    [{ clusters: 'a,a' }, 'context clusters: a cluster is listed twice'],
    [{ kinesis: 'yes' }, 'context kinesis: expected true or false, got "yes"'],
    [{ logRetentionDays: '45' }, 'context logRetentionDays: expected one of 1, 3, 5'],
    [{ minPriority: 'urgent' }, 'context minPriority: "urgent" is not a priority'],
    [{ alertEmail: 'a@example.com,b@example.com' }, 'context alertEmail: expected one e-mail address'],
  ])('refuses %o', (ctx, message) => {
    expect(() => read(ctx)).toThrow(message);
  });

  it('parses sink settings with the runtime parser and refuses env: references with a hint', () => {
    expect(parseSinkSettings('slack:secretsmanager:kadet/slack', undefined)[0]).toMatchObject({ scheme: 'slack', target: { kind: 'secret', store: 'secretsmanager', id: 'kadet/slack' } });
    expect(() => parseSinkSettings('slack:env:SLACK_URL', undefined)).toThrow(/^context extraSinks: .*env:SLACK_URL is not set.*use secretsmanager:ID or ssm:\/path/);
    expect(() => parseSinkSettings(undefined, 'stdout')).toThrow(/^context deadLetter: .*unknown sink "stdout"/);
    expect(() => parseSinkSettings('teams:x', undefined)).toThrow(/^context extraSinks: .*unknown sink "teams"/);
  });
});

describe('infra/aws/bin/kadet.ts', () => {
  const bin = join(import.meta.dirname, '../../../infra/aws/bin/kadet.ts');
  const run = (context: Record<string, unknown>) => {
    const outdir = mkdtempSync(join(tmpdir(), 'kadet-cdkout-'));
    const p = spawnSync(process.execPath, ['--import', 'tsx', bin], {
      encoding: 'utf8',
      env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(context) },
    });
    return { ...p, outdir };
  };

  it('synthesizes the kadet stack offline from context', () => {
    const r = run({ functionsDir: stubFunctionsDir(), clusters: 'prod', alertEmail: 'a@example.com' });
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.status).toBe(0);
    const template = JSON.parse(readFileSync(join(r.outdir, 'kadet.template.json'), 'utf8')) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    const filters = Object.values(template.Resources).filter((x) => x.Type === 'AWS::Logs::SubscriptionFilter');
    expect(filters.map((f) => f.Properties['LogGroupName'])).toEqual(['/aws/eks/prod/cluster']);
    expect(readdirSync(r.outdir).some((f) => f.startsWith('asset.'))).toBe(true);
  }, 60_000);

  it('says to run build:functions when a bundle is missing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'kadet-nofn-'));
    const r = run({ functionsDir: empty });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('run `npm run build:functions`');
    expect(existsSync(join(r.outdir, 'kadet.template.json'))).toBe(false);
  }, 60_000);
});
