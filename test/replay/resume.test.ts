import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/alerts/finding.ts';
import { memoryIO } from '../../shared/cli/io.ts';
import { runReplay } from '../../shared/cli/replay-run.ts';
import type { ReplayCommandOptions } from '../../shared/cli/replay.ts';
import type { CheckpointState } from '../../shared/replay/checkpoint.ts';
import { replay } from '../../shared/replay/replay.ts';
import { openSource } from '../../shared/replay/sources/index.ts';
import { AWS_KEY_ID, useTestAwsCredentials } from './aws-env.ts';
import { eksLogEvents, startCloudWatchFake, type CloudWatchFake } from './fakes/cloudwatch.ts';
import { startFake, type FakeServer } from './fakes/http.ts';
import { findingKeys, SAMPLE_END, SAMPLE_START, sampleLines, scanKeys } from './fakes/sample.ts';
import { recordingOutput } from './support.ts';

// 300 events share each millisecond, and pages hold 500: page 1 ends inside a group of equal timestamps,
// the hard case for a time cursor (the resumed run must skip the group's first 200 and keep the rest).
const T0 = Date.parse('2026-11-20T09:00:00Z');
const lines = sampleLines();
const events = eksLogEvents(lines, (l) => T0 + Math.floor(lines.indexOf(l) / 300) * 1000);
const range = { startMs: Date.parse(SAMPLE_START), endMs: Date.parse(SAMPLE_END) };
const dir = mkdtempSync(join(tmpdir(), 'kadet-resume-'));

let cw: CloudWatchFake;
beforeAll(async () => {
  useTestAwsCredentials();
  cw = await startCloudWatchFake({ logGroup: '/aws/eks/prod-eks/cluster', account: '123456789012', region: 'eu-west-1', events, accessKeyId: AWS_KEY_ID, pageSize: 500 });
});
afterAll(() => cw.close());

const source = () => openSource({ cloud: 'aws', cluster: 'prod-eks', region: 'eu-west-1', endpoint: new URL(cw.url) });

describe('replay --checkpoint', { timeout: 30_000 }, () => {
  it('resumes after an interruption with every event processed exactly once', async () => {
    const checkpoint = join(dir, 'abort.json');
    const controller = new AbortController();
    const first = await recordingOutput((pages) => pages === 1 && controller.abort());
    const r1 = await replay({ source: await source(), range, output: first, checkpoint, signal: controller.signal });
    expect(r1.interrupted).toBe(true);
    expect(first.events).toHaveLength(500);
    const saved = JSON.parse(readFileSync(checkpoint, 'utf8')) as CheckpointState;
    expect(saved).toMatchObject({ version: 1, source: 'aws:eu-west-1:/aws/eks/prod-eks/cluster', records: 500, cursor: { timeMs: T0 + 1000 } });
    expect(saved.cursor!.ids).toHaveLength(200);
    // Written via a temp file and rename: nothing else is left in the directory.
    expect(readdirSync(dir).filter((f) => f.startsWith('abort.json'))).toEqual(['abort.json']);

    const second = await recordingOutput();
    const before = cw.bodies('FilterLogEvents').length;
    const r2 = await replay({ source: await source(), range, output: second, checkpoint });
    expect(r2.interrupted).toBe(false);
    expect(r2.resumedFrom).toEqual(saved.cursor);
    expect(r2.tally.alreadyDone).toBe(200);
    const all = [...first.events, ...second.events];
    expect(all).toHaveLength(3787);
    expect(new Set(all).size).toBe(3787);
    expect(findingKeys([...first.findings, ...second.findings])).toEqual(await scanKeys());
    // The resumed run asked from the cursor, not from the beginning of the range.
    expect(cw.bodies('FilterLogEvents')[before]!['startTime']).toBe(T0 + 1000);
  });

  it('does nothing more on a re-run of a finished replay', async () => {
    const checkpoint = join(dir, 'done.json');
    await replay({ source: await source(), range, output: await recordingOutput(), checkpoint });
    const again = await recordingOutput();
    const report = await replay({ source: await source(), range, output: again, checkpoint });
    expect(again.events).toEqual([]);
    expect(report.tally.alreadyDone).toBeGreaterThan(0);
  });

  it('refuses a checkpoint written for another source', async () => {
    const checkpoint = join(dir, 'other.json');
    await replay({ source: await source(), range: { startMs: range.startMs, endMs: T0 + 500 }, output: await recordingOutput(), checkpoint });
    const insights = await openSource({ cloud: 'aws', cluster: 'prod-eks', region: 'eu-west-1', insights: true, endpoint: new URL(cw.url) });
    await expect(replay({ source: insights, range, output: await recordingOutput(), checkpoint })).rejects.toThrow(
      `checkpoint: ${checkpoint}: belongs to another replay (aws:eu-west-1:/aws/eks/prod-eks/cluster), not aws-insights:eu-west-1:/aws/eks/prod-eks/cluster`,
    );
  });
});

describe('replay --sinks with --checkpoint', { timeout: 60_000 }, () => {
  let hook: FakeServer;
  let broken = true;
  let refused = '';
  const received: string[] = [];
  beforeAll(async () => {
    // Pick the last finding of the first page that has two or more: its page fails partway.
    const perPage: string[][] = [];
    const probe = await recordingOutput();
    const counting = { process: async (r: Parameters<typeof probe.process>[0]) => { const o = await probe.process(r); perPage.push(o.findings.map((f) => f.kadet.id)); return o; } };
    await replay({ source: await source(), range, output: counting });
    refused = perPage.find((ids) => ids.length >= 2)!.at(-1)!;
    hook = await startFake((req) => {
      const f = JSON.parse(req.body) as Finding;
      // While broken, the receiver refuses that one finding and takes everything else.
      if (broken && f.kadet.id === refused) return { status: 503, json: { error: 'busy' } };
      received.push(f.kadet.id);
      return { status: 200, json: {} };
    });
  });
  afterAll(() => hook.close());

  it('stops at a page a sink refused, then resumes without re-sending what the sink took', async () => {
    const checkpoint = join(dir, 'sinks.json');
    const opts = { cluster: 'prod-eks', region: 'eu-west-1', endpoint: cw.url, start: SAMPLE_START, end: SAMPLE_END, sinks: `webhook:${hook.url}/`, checkpoint, format: 'json', ruleMatching: 'first', progress: false } as ReplayCommandOptions;
    const io1 = memoryIO();
    await expect(runReplay('aws', opts, io1)).rejects.toThrow(/^sinks: findings could not be delivered \(webhook: gave up after 3 attempts: .* answered HTTP 503.*\); progress is saved in .*sinks\.json( up to 2026-11-20T09:\d\d:\d\d.000Z)?: re-run the same command to resume$/);
    const saved = JSON.parse(readFileSync(checkpoint, 'utf8')) as CheckpointState;
    expect(saved.delivered?.length).toBeGreaterThan(0);
    const firstRun = received.length;

    broken = false;
    const io2 = memoryIO();
    expect(await runReplay('aws', opts, io2)).toBe(0);
    expect(received.length).toBeGreaterThan(firstRun);
    // Every finding reached the webhook exactly once over both runs.
    expect(new Set(received).size).toBe(received.length);
    expect(received.length).toBe((await scanKeys()).length);
    expect(existsSync(checkpoint)).toBe(true);
    expect((JSON.parse(readFileSync(checkpoint, 'utf8')) as CheckpointState).delivered).toBeUndefined();
  });
});
