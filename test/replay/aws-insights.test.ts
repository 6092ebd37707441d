import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replay } from '../../shared/replay/replay.ts';
import { openSource } from '../../shared/replay/sources/index.ts';
import { useTestAwsCredentials, AWS_KEY_ID } from './aws-env.ts';
import { eksLogEvents, startCloudWatchFake, type CloudWatchFake } from './fakes/cloudwatch.ts';
import { findingKeys, SAMPLE_END, SAMPLE_START, sampleLines, scanKeys } from './fakes/sample.ts';
import { recordingOutput } from './support.ts';

const events = eksLogEvents(sampleLines(), (l) => Date.parse((JSON.parse(l) as { stageTimestamp: string }).stageTimestamp));
let f: CloudWatchFake;

beforeAll(async () => {
  useTestAwsCredentials();
  f = await startCloudWatchFake({ logGroup: '/aws/eks/prod-eks/cluster', account: '210987654321', region: 'us-east-1', events, accessKeyId: AWS_KEY_ID, throttleOnce: ['StartQuery'] });
});
afterAll(() => f.close());

const range = { startMs: Date.parse(SAMPLE_START), endMs: Date.parse(SAMPLE_END) };

describe('kadet replay aws --insights', { timeout: 30_000 }, () => {
  it('halves a window that reaches the row cap, polls until Complete, and finds what kadet scan finds', async () => {
    const source = await openSource({ cloud: 'aws', cluster: 'prod-eks', region: 'us-east-1', insights: true, endpoint: new URL(f.url) }, { insightsPollMs: 5, insightsRowLimit: 1000 });
    const out = await recordingOutput();
    await replay({ source, range, output: out });
    expect(findingKeys(out.findings)).toEqual(await scanKeys());
    expect(out.events).toHaveLength(3787);
    expect(new Set(out.events).size).toBe(3787);
    // 3,787 events in the hour: the 1 h windows overflow 1,000 rows and are halved until each fits.
    const starts = f.bodies('StartQuery');
    expect(starts.length).toBeGreaterThan(4);
    expect(starts[0]).toMatchObject({ logGroupName: '/aws/eks/prod-eks/cluster', limit: 1000, startTime: range.startMs / 1000 });
    expect(String(starts[0]!['queryString'])).toContain('filter @logStream like /^kube-apiserver-audit/');
    // The throttled StartQuery was retried by the SDK with the same window.
    expect(starts[1]).toEqual(starts[0]);
    expect(f.calls('GetQueryResults')).toBeGreaterThanOrEqual(2 * (starts.length - 1));
  }, 30_000);

  it('takes the account from @log; Insights has no event id, so the origin has none', async () => {
    const source = await openSource({ cloud: 'aws', cluster: 'prod-eks', region: 'us-east-1', insights: true, endpoint: new URL(f.url) }, { insightsPollMs: 5 });
    const out = await recordingOutput();
    await replay({ source, range: { startMs: Date.parse('2026-11-20T09:44:00Z'), endMs: Date.parse('2026-11-20T09:45:00Z') }, output: out });
    const crb = out.findings.find((x) => x.rule === 'Binding to cluster-admin Created')!;
    expect(crb.kadet.origin).toEqual({ region: 'us-east-1', provider: 'eks', account: '210987654321', logGroup: '/aws/eks/prod-eks/cluster', logStream: expect.stringMatching(/^kube-apiserver-audit-/) as unknown, cluster: 'prod-eks' });
    expect(source.id).toBe('aws-insights:us-east-1:/aws/eks/prod-eks/cluster');
  });

  it('counts a row without a usable @timestamp as a reject (timestamp: …) and carries on', async () => {
    const bad = events.find((e) => e.logStreamName.startsWith('kube-apiserver-audit'))!;
    const g = await startCloudWatchFake({ logGroup: '/aws/eks/prod-eks/cluster', account: '210987654321', region: 'us-east-1', events, accessKeyId: AWS_KEY_ID, insightsTimestamp: (e) => (e === bad ? 'not a time' : new Date(e.timestamp).toISOString().replace('T', ' ').replace('Z', '')) });
    try {
      const source = await openSource({ cloud: 'aws', cluster: 'prod-eks', region: 'us-east-1', insights: true, endpoint: new URL(g.url) }, { insightsPollMs: 5 });
      const out = await recordingOutput();
      const report = await replay({ source, range, output: out });
      expect(out.events).toHaveLength(3786);
      expect(report.tally.rejected).toBe(1);
      expect(report.tally.byReason.get('timestamp')).toBe(1);
      expect(report.tally.fetched).toBe(3787);
      expect(out.rejects[0]).toMatchObject({ adapter: 'eks-cloudwatch', reason: 'timestamp: Insights row has no usable @timestamp ("not a time")', raw: bad.message });
    } finally {
      await g.close();
    }
  });

  it('halves a window whose answer matched more records than it returned, though below the row cap', async () => {
    const g = await startCloudWatchFake({ logGroup: '/aws/eks/prod-eks/cluster', account: '210987654321', region: 'us-east-1', events, accessKeyId: AWS_KEY_ID, insightsMaxRows: 500 });
    try {
      const source = await openSource({ cloud: 'aws', cluster: 'prod-eks', region: 'us-east-1', insights: true, endpoint: new URL(g.url) }, { insightsPollMs: 5 });
      const out = await recordingOutput();
      await replay({ source, range, output: out });
      expect(out.events).toHaveLength(3787);
      expect(new Set(out.events).size).toBe(3787);
      expect(g.bodies('StartQuery').length).toBeGreaterThan(8);
    } finally {
      await g.close();
    }
  });
});
