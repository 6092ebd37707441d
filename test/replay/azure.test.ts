import { afterAll, describe, expect, it } from 'vitest';
import { memoryIO } from '../../shared/cli/io.ts';
import { main } from '../../shared/cli/main.ts';
import { runReplay } from '../../shared/cli/replay-run.ts';
import type { ReplayCommandOptions } from '../../shared/cli/replay.ts';
import type { FakeServer } from './fakes/http.ts';
import { aksAuditRows, azureDiagnosticsRows, startLogAnalyticsFake, type LogAnalyticsFake, type LogAnalyticsFakeOptions } from './fakes/log-analytics.ts';
import { findingKeys, parseFindings, SAMPLE_END, SAMPLE_START, sampleEvents, scanKeys } from './fakes/sample.ts';

const WORKSPACE = '6b3f1c2e-9a4d-4e8b-b1f0-2c7d5e9a8b41';
const SUB = '0b1f6471-1bf0-4dda-aec3-cb9272f09590';
const TOKEN = 'test-access-token-for-log-analytics';
const aks = { subscription: SUB, resourceGroup: 'rg-prod', cluster: 'aks-prod' };
const events = sampleEvents();
const tables = {
  AKSAudit: aksAuditRows(events, aks),
  AzureDiagnostics: [
    ...azureDiagnosticsRows(events, aks),
    // The same table holds the control plane's other categories: plain text, never audit events.
    ...azureDiagnosticsRows(events.slice(0, 30), aks, 'kube-apiserver').map((r) => ({ ...r, log_s: 'I1120 09:00:00.000000 1 trace.go:236] Trace[1]: "List" url:/api/v1/pods\n' })),
  ],
};

/** A TokenCredential as @azure/identity's credentials are: an object with getToken. */
const scopes: string[] = [];
const credential = {
  getToken: async (scope: string | string[]) => {
    scopes.push(...[scope].flat());
    return { token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 };
  },
};

const fakes: FakeServer[] = [];
const fake = async (opts: Partial<LogAnalyticsFakeOptions> = {}): Promise<LogAnalyticsFake> => {
  const f = await startLogAnalyticsFake({ workspace: WORKSPACE, token: TOKEN, tables, ...opts });
  fakes.push(f);
  return f;
};
afterAll(async () => {
  await Promise.all(fakes.map((f) => f.close()));
});

const replayAzure = async (f: FakeServer, opts: Partial<ReplayCommandOptions> = {}) => {
  const io = memoryIO();
  const all = { workspace: WORKSPACE, endpoint: `${f.url}/v1`, start: SAMPLE_START, end: SAMPLE_END, format: 'json', ruleMatching: 'first', progress: false, mode: 'resource-specific', category: 'kube-audit', ...opts } as ReplayCommandOptions;
  const code = await runReplay('azure', all, io, { azureCredential: credential });
  return { code, out: io.stdout(), err: io.stderr() };
};

describe('kadet replay azure', { timeout: 30_000 }, () => {
  it('rebuilds events from AKSAudit columns and finds exactly what kadet scan finds', async () => {
    const f = await fake();
    const { code, out, err } = await replayAzure(f, { cluster: 'aks-prod' });
    expect(err).not.toContain('rejected ');
    expect(code).toBe(0);
    const findings = parseFindings(out);
    expect(findingKeys(findings)).toEqual(await scanKeys());
    expect(err).toMatch(/3,787 records in 2 page\(s\): 3,787 events evaluated, 0 rejected/);
    expect(findings[0]!.kadet.origin).toEqual({
      provider: 'aks',
      resourceId: `/subscriptions/${SUB}/resourcegroups/rg-prod/providers/microsoft.containerservice/managedclusters/aks-prod`,
      account: SUB,
      resourceGroup: 'rg-prod',
      cluster: 'aks-prod',
    });
    const query = f.queries()[0]!.query;
    expect(query.split('\n')).toEqual([
      'AKSAudit',
      '| where TimeGenerated >= datetime(2026-11-20T08:59:00.000Z) and TimeGenerated < datetime(2026-11-20T09:59:00.000Z)',
      '| where _ResourceId endswith "/managedclusters/aks-prod"',
      '| sort by TimeGenerated asc, _ItemId asc',
      expect.stringMatching(/^\| project TimeGenerated = tostring\(TimeGenerated\), ItemId = tostring\(_ItemId\), ResourceId = _ResourceId, Level, AuditId, .*StageReceivedTime = tostring\(StageReceivedTime\), Annotations$/),
    ]);
    expect(scopes).toContain('https://api.loganalytics.io/.default');
  });

  it('keeps the apiserver\'s microsecond timestamps (Log Analytics prints 7 digits)', async () => {
    const f = await fake();
    const findings = parseFindings((await replayAzure(f)).out) as unknown as { time: string; kadet: { auditID: string; stage: string } }[];
    const byId = new Map(events.map((e) => [`${e.auditID}|${e.stage}`, e.stageTimestamp]));
    expect(findings.length).toBeGreaterThan(0);
    for (const x of findings) expect(x.time).toBe(byId.get(`${x.kadet.auditID}|${x.kadet.stage}`));
  });

  it('parses AzureDiagnostics log_s as the Event Hub function parses properties.log, and skips other categories', async () => {
    const f = await fake();
    const { code, out, err } = await replayAzure(f, { mode: 'azure-diagnostics' });
    expect(code).toBe(0);
    expect(findingKeys(parseFindings(out))).toEqual(await scanKeys());
    expect(f.queries()[0]!.query).toContain('| where Category == "kube-audit"');
    expect(f.queries()[0]!.query).toContain('| project TimeGenerated = tostring(TimeGenerated), ItemId = tostring(_ItemId), ResourceId = _ResourceId, Category, log_s');
    expect(err).toMatch(/3,787 events evaluated/);
  });

  it('cuts a 3-day range into chunk queries with the expected timespans', async () => {
    const f = await fake();
    const { code } = await replayAzure(f, { start: '2026-11-18T10:00:00Z', end: '2026-11-21T10:00:00Z', chunk: '12h' });
    expect(code).toBe(0);
    const spans = f.queries().map((q) => q.timespan);
    expect(spans).toEqual([
      '2026-11-18T10:00:00.000Z/2026-11-18T22:00:00.000Z',
      '2026-11-18T22:00:00.000Z/2026-11-19T10:00:00.000Z',
      '2026-11-19T10:00:00.000Z/2026-11-19T22:00:00.000Z',
      '2026-11-19T22:00:00.000Z/2026-11-20T10:00:00.000Z',
      '2026-11-20T10:00:00.000Z/2026-11-20T22:00:00.000Z',
      '2026-11-20T22:00:00.000Z/2026-11-21T10:00:00.000Z',
    ]);
    expect(f.queries()[3]!.query).toContain('TimeGenerated >= datetime(2026-11-19T22:00:00.000Z) and TimeGenerated < datetime(2026-11-20T10:00:00.000Z)');
  });

  it('halves a chunk the service answered only in part, and evaluates every event once', async () => {
    const f = await fake({ maxRows: 1500 });
    const { code, out, err } = await replayAzure(f, { chunk: '1h' });
    expect(code).toBe(0);
    expect(findingKeys(parseFindings(out))).toEqual(await scanKeys());
    expect(err).toMatch(/3,787 records in \d+ page\(s\): 3,787 events evaluated/);
    const spans = f.queries().map((q) => q.timespan);
    expect(spans[0]).toBe('2026-11-20T08:59:00.000Z/2026-11-20T09:59:00.000Z');
    expect(spans[1]).toBe('2026-11-20T08:59:00.000Z/2026-11-20T09:29:00.000Z');
  });

  it('waits as Retry-After says on 429, then carries on', async () => {
    const f = await fake({ throttleOnce: true });
    const { code, out } = await replayAzure(f);
    expect(code).toBe(0);
    expect(findingKeys(parseFindings(out))).toEqual(await scanKeys());
    const [first, second] = f.queries();
    expect(second).toEqual(first);
  });

  it('explains a 401: workspace, endpoint and how to fix the credentials', async () => {
    const f = await fake({ token: 'some-other-token' });
    await expect(replayAzure(f)).rejects.toThrow(
      `azure: Log Analytics (${f.url}) workspace ${WORKSPACE} refused the request: HTTP 401 AuthorizationRequiredError: Valid authentication was not provided. Sign in with \`az login\``,
    );
  });

  it('names the other --mode when the table does not exist', async () => {
    const f = await startLogAnalyticsFake({ workspace: WORKSPACE, token: TOKEN, tables: { AzureDiagnostics: tables.AzureDiagnostics } });
    fakes.push(f);
    await expect(replayAzure(f)).rejects.toThrow(/Failed to resolve table expression named 'AKSAudit'.*try the other --mode/);
  });

  it('refuses to send a token over plain http to anything but this machine', async () => {
    const io = memoryIO();
    const code = await main(['replay', 'azure', '--workspace', WORKSPACE, '--endpoint', 'http://10.0.0.5/v1', '--since', '1h', '--no-progress'], io);
    expect(code).toBe(2);
    expect(io.stderr()).toMatch(/kadet: --endpoint: plain http would send .*Azure access token\)? in clear text/);
  });

  it('wants the workspace ID, not its name', async () => {
    const io = memoryIO();
    expect(await main(['replay', 'azure', '--workspace', 'law-prod', '--since', '1h'], io)).toBe(2);
    expect(io.stderr()).toContain('kadet: --workspace: expected the workspace ID (a GUID), got "law-prod"');
  });
});
