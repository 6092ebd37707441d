import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gkeLogEntryAdapter } from '../../shared/adapters/gke-logentry.ts';
import { memoryIO } from '../../shared/cli/io.ts';
import { main } from '../../shared/cli/main.ts';
import { runReplay } from '../../shared/cli/replay-run.ts';
import type { ReplayCommandOptions } from '../../shared/cli/replay.ts';
import { Engine } from '../../shared/engine/index.ts';
import { Pipeline } from '../../shared/pipeline.ts';
import { gkeEntries, startCloudLoggingFake, testServiceAccount, type CloudLoggingFake, type CloudLoggingFakeOptions } from './fakes/cloud-logging.ts';
import type { FakeServer } from './fakes/http.ts';
import { findingKeys, parseFindings, SAMPLE_END, SAMPLE_START, sampleEvents } from './fakes/sample.ts';
import { bundledRules } from './support.ts';

const PROJECT = 'kadet-prod-4711';
const sa = testServiceAccount(PROJECT);
const entries = [
  ...gkeEntries(sampleEvents(), { project: PROJECT, location: 'europe-west1', cluster: 'gke-prod' }),
  // Another cluster of the project: --cluster must leave it out.
  ...gkeEntries(sampleEvents().slice(0, 40), { project: PROJECT, location: 'us-central1', cluster: 'gke-staging' }),
];
const prodEntries = entries.filter((e) => e.resource.labels.cluster_name === 'gke-prod');

const fakes: FakeServer[] = [];
const fake = async (opts: Partial<CloudLoggingFakeOptions> = {}): Promise<CloudLoggingFake> => {
  const f = await startCloudLoggingFake({ entries, publicKey: sa.publicKey, maxPageSize: 1000, ...opts });
  fakes.push(f);
  return f;
};
const args = (f: FakeServer, ...extra: string[]): string[] => ['replay', 'gcp', '--project', PROJECT, '--cluster', 'gke-prod', '--endpoint', f.url, '--start', SAMPLE_START, '--end', SAMPLE_END, '--no-progress', ...extra];
const run = async (argv: string[]) => {
  const io = memoryIO();
  const code = await main(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
};

/** What the Pub/Sub function would have found in the same LogEntries: the gke-logentry adapter, the same rules. */
async function expectedFindings() {
  const pipeline = new Pipeline(new Engine(await bundledRules()));
  return gkeLogEntryAdapter.parse(JSON.parse(JSON.stringify(prodEntries)), {}).events.flatMap((ce) => pipeline.evaluate(ce));
}

beforeAll(() => {
  // Application Default Credentials from a key file; never probe a metadata server.
  process.env['GOOGLE_APPLICATION_CREDENTIALS'] = sa.file;
  process.env['METADATA_SERVER_DETECTION'] = 'none';
});
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
});

describe('kadet replay gcp', { timeout: 30_000 }, () => {
  it('finds exactly what the gke-logentry adapter finds in the same LogEntries, over several pages', async () => {
    const f = await fake();
    const { code, out, err } = await run(args(f));
    expect(err).not.toContain('rejected ');
    expect(code).toBe(0);
    const expected = await expectedFindings();
    expect(expected.length).toBeGreaterThan(5);
    // Whole findings, origins included (minus hostname, which is the cluster on both sides anyway).
    expect(parseFindings(out)).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(f.listBodies().length).toBe(4);
    expect(err).toMatch(/3,787 records in 4 page\(s\): 3,787 events evaluated/);
  });

  it('asks for the k8s_cluster Admin Activity and Data Access logs of the cluster, oldest first', async () => {
    const f = await fake();
    await run(args(f));
    const [first, second] = f.listBodies();
    expect(first).toMatchObject({ resourceNames: [`projects/${PROJECT}`], orderBy: 'timestamp asc', pageSize: 1000 });
    expect(first!['filter']).toBe(
      `resource.type="k8s_cluster" AND logName=("projects/${PROJECT}/logs/cloudaudit.googleapis.com%2Factivity" OR "projects/${PROJECT}/logs/cloudaudit.googleapis.com%2Fdata_access") AND protoPayload.serviceName="k8s.io" AND resource.labels.cluster_name="gke-prod" AND timestamp>="2026-11-20T08:59:00.000Z" AND timestamp<"2026-11-20T10:01:00.000Z"`,
    );
    expect(typeof second!['pageToken']).toBe('string');
    // The token is a JWT from the key file, signed for the Logging API (the fake verified its signature).
    expect(String(f.requests[0]!.headers['authorization'])).toMatch(/^Bearer ey/);
  });

  it('reads every cluster of the project without --cluster', async () => {
    const f = await fake();
    const argv = args(f).filter((a, i, all) => a !== '--cluster' && all[i - 1] !== '--cluster');
    const { err } = await run(argv);
    expect(err).toMatch(/3,827 records in \d+ page\(s\): 3,827 events evaluated/);
    expect(String(f.listBodies()[0]!['filter'])).not.toContain('cluster_name');
  });

  it('waits out RESOURCE_EXHAUSTED (429) and carries on', async () => {
    const f = await fake({ throttleOnce: true });
    const io = memoryIO();
    const opts = { project: PROJECT, cluster: 'gke-prod', endpoint: f.url, start: SAMPLE_START, end: SAMPLE_END, format: 'json', ruleMatching: 'first', progress: false } as ReplayCommandOptions;
    const code = await runReplay('gcp', opts, io, { gcpRetry: { baseDelayMs: 5, maxDelayMs: 10 } });
    expect(code).toBe(0);
    expect(findingKeys(parseFindings(io.stdout()))).toEqual(findingKeys(await expectedFindings()));
    expect(f.listBodies()[1]).toEqual(f.listBodies()[0]);
  });

  it.each([
    [401, /UNAUTHENTICATED: Request had invalid authentication credentials/],
    [403, /PERMISSION_DENIED: Permission denied for all log views/],
  ] as const)('explains a %i: where, why and how to fix the credentials', async (status, why) => {
    const f = await fake({ refuse: status });
    const { code, err } = await run(args(f));
    expect(code).toBe(2);
    expect(err).toContain(`kadet: gcp: Cloud Logging (${f.url}) project ${PROJECT} entries.list refused the request:`);
    expect(err).toMatch(why);
    expect(err).toContain('gcloud auth application-default login');
    expect(err).toContain('roles/logging.privateLogViewer');
  });

  it('rejects a project id that could not be quoted into a filter', async () => {
    const { code, err } = await run(['replay', 'gcp', '--project', 'x" OR "', '--since', '1h']);
    expect(code).toBe(2);
    expect(err).toContain('kadet: --project: not a Google Cloud project id');
  });
});
