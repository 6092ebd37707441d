import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIO } from '../../shared/cli/io.ts';
import { main } from '../../shared/cli/main.ts';
import { runReplay } from '../../shared/cli/replay-run.ts';
import type { ReplayCommandOptions } from '../../shared/cli/replay.ts';
import { AWS_KEY_ID, AWS_SECRET, useTestAwsCredentials } from './aws-env.ts';
import { eksLogEvents, startCloudWatchFake, type CloudWatchFake, type CloudWatchFakeOptions } from './fakes/cloudwatch.ts';
import { parseFindings, findingKeys, SAMPLE_END, SAMPLE_START, sampleLines, scanKeys } from './fakes/sample.ts';

const LOG_GROUP = '/aws/eks/prod-eks/cluster';
const ACCOUNT = '123456789012';
const events = eksLogEvents(sampleLines(), (l) => Date.parse((JSON.parse(l) as { stageTimestamp: string }).stageTimestamp));
const base: CloudWatchFakeOptions = { logGroup: LOG_GROUP, account: ACCOUNT, region: 'eu-west-1', events, accessKeyId: AWS_KEY_ID };

const fakes: CloudWatchFake[] = [];
const fake = async (opts: Partial<CloudWatchFakeOptions> = {}): Promise<CloudWatchFake> => {
  const f = await startCloudWatchFake({ ...base, ...opts });
  fakes.push(f);
  return f;
};
const replayAws = async (f: CloudWatchFake, ...extra: string[]) => {
  const io = memoryIO();
  const argv = ['replay', 'aws', '--cluster', 'prod-eks', '--region', 'eu-west-1', '--endpoint', f.url, '--start', SAMPLE_START, '--end', SAMPLE_END, '--no-progress', ...extra];
  const code = await main(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
};

beforeAll(useTestAwsCredentials);
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
});

describe('kadet replay aws', { timeout: 30_000 }, () => {
  it('finds exactly what kadet scan finds in the same events, paging FilterLogEvents through several pages', async () => {
    const f = await fake({ pageSize: 1000 });
    const { code, out, err } = await replayAws(f);
    expect(err).not.toContain('rejected ');
    expect(code).toBe(0);
    const findings = parseFindings(out);
    expect(findingKeys(findings)).toEqual(await scanKeys());
    // 3,787 audit events at 1,000 a page, plus the empty page the service may send.
    expect(f.calls('FilterLogEvents')).toBeGreaterThanOrEqual(5);
    const bodies = f.bodies('FilterLogEvents');
    expect(bodies[0]).toMatchObject({ logGroupName: LOG_GROUP, logStreamNamePrefix: 'kube-apiserver-audit', startTime: Date.parse(SAMPLE_START), endTime: Date.parse(SAMPLE_END) - 1 });
    expect(bodies.slice(1).every((b) => typeof b['nextToken'] === 'string')).toBe(true);
    expect(err).toMatch(/3,787 records in \d+ page\(s\): 3,787 events evaluated, 0 rejected/);
  });

  it('gives findings the origin the eks-cloudwatch Lambda gives them', async () => {
    const f = await fake();
    const findings = parseFindings((await replayAws(f)).out);
    expect(findings[0]!.kadet.origin).toEqual({
      region: 'eu-west-1',
      provider: 'eks',
      account: ACCOUNT,
      logGroup: LOG_GROUP,
      logStream: expect.stringMatching(/^kube-apiserver-audit-[0-9a-f]{32}$/) as unknown,
      cluster: 'prod-eks',
      eventId: expect.stringMatching(/^\d{56}$/) as unknown,
    });
  });

  it('retries a ThrottlingException and loses nothing', async () => {
    const f = await fake({ throttleOnce: ['FilterLogEvents'] });
    const { code, out } = await replayAws(f);
    expect(code).toBe(0);
    expect(findingKeys(parseFindings(out))).toEqual(await scanKeys());
    const bodies = f.bodies('FilterLogEvents');
    expect(bodies[1]).toEqual(bodies[0]);
  }, 20_000);

  it('replays without the account when the role may not DescribeLogGroups', async () => {
    const f = await fake({ denyDescribe: true });
    const { code, out } = await replayAws(f);
    expect(code).toBe(0);
    const origin = parseFindings(out)[0]!.kadet.origin;
    expect(origin['account']).toBeUndefined();
    expect(origin).toMatchObject({ provider: 'eks', cluster: 'prod-eks', region: 'eu-west-1' });
  });

  it('explains an auth failure: cloud, region, endpoint and how to fix credentials, without the secret', async () => {
    const f = await fake({ accessKeyId: 'AKIASOMEONEELSE00000' });
    const { code, out, err } = await replayAws(f);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toContain(`kadet: aws: CloudWatch Logs eu-west-1 (${f.url}) DescribeLogGroups ${LOG_GROUP} refused the request: UnrecognizedClientException: The security token included in the request is invalid.`);
    expect(err).toContain('Check the AWS credential chain (AWS_PROFILE, `aws sso login`');
    expect(err).not.toContain(AWS_SECRET);
  });

  it('honours --endpoint: every request goes to it', async () => {
    const f = await fake();
    await replayAws(f);
    expect(f.calls('DescribeLogGroups')).toBe(1);
    expect(f.requests.every((r) => r.method === 'POST' && r.path === '/')).toBe(true);
  });

  it('prints text findings and the summary on stdout with --format text, and --fail-on sets exit 1', async () => {
    const f = await fake();
    const { code, out } = await replayAws(f, '--format', 'text', '--fail-on', 'critical');
    expect(code).toBe(1);
    expect(out).toContain('Critical [Binding to cluster-admin Created]');
    expect(out).toMatch(/^replayed \/aws\/eks\/prod-eks\/cluster \(eu-west-1\): 2026-11-20T08:59:00.000Z → 2026-11-20T10:01:00.000Z$/m);
    expect(out).toMatch(new RegExp(`^findings: ${(await scanKeys()).length}$`, 'm'));
  });

  it('writes plain progress lines to stderr when it is not a terminal', async () => {
    const f = await fake({ pageSize: 1000 });
    const io = memoryIO();
    const opts = { cluster: 'prod-eks', region: 'eu-west-1', endpoint: f.url, start: SAMPLE_START, end: SAMPLE_END, format: 'json', ruleMatching: 'first', progress: true } as ReplayCommandOptions;
    expect(await runReplay('aws', opts, io, { progressTTY: false, progressIntervalMs: 0 })).toBe(0);
    const lines = io.stderr().split('\n').filter((l) => l.startsWith('replay /aws/eks/prod-eks/cluster (eu-west-1): '));
    expect(lines[0]).toBe('replay /aws/eks/prod-eks/cluster (eu-west-1): reading 2026-11-20T08:59:00.000Z → 2026-11-20T10:01:00.000Z');
    expect(lines[1]).toMatch(/^replay \/aws\/eks\/prod-eks\/cluster \(eu-west-1\): 1,000 events \([\d,]+\/s\), covered 2026-11-20T08:59:00.000Z → 2026-11-20T09:\d\d:\d\d.\d{3}Z \(\d+%\)$/);
    expect(lines.at(-1)).toMatch(/: 3,787 events \([\d,]+\/s\), covered 2026-11-20T08:59:00.000Z → 2026-11-20T10:01:00.000Z \(100%\)$/);
    // Progress never goes to stdout, which stays JSON lines.
    expect(io.stdout().split('\n').filter(Boolean).every((l) => l.startsWith('{'))).toBe(true);
  });
});
