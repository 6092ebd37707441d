// `kadet scan` must not pay for the cloud SDKs, and no function bundle may carry replay: the SDKs are
// loaded by `await import()` only when a replay source is opened.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../shared/paths.ts';

const root = packageRoot();
const SDKS = ['@aws-sdk/client-cloudwatch-logs', '@google-cloud/logging', '@azure/monitor-query-logs', '@azure/identity', 'cli-progress'];
const SDK_PATH = /\/node_modules\/(@aws-sdk\/client-cloudwatch-logs|@google-cloud\/logging|@azure\/(?:monitor-query-logs|identity)|cli-progress)\//;

/** Runs `script` (an ES module body) in a fresh node with tsx; returns every module it loaded (ESM graph and CJS cache). */
function loadedModules(script: string): string[] {
  const log = join(mkdtempSync(join(tmpdir(), 'kadet-graph-')), 'resolved.log');
  const body = `${script}\nconst { createRequire } = await import('node:module');\nconsole.log(JSON.stringify(Object.keys(createRequire(process.cwd() + '/').cache)));`;
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', '--import', './test/replay/module-graph/register.mjs', '--input-type=module', '-e', body], {
    cwd: root,
    env: { ...process.env, KADET_RESOLVE_LOG: log, NODE_OPTIONS: '' },
    encoding: 'utf8',
  });
  const esm = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : [];
  const cjs = JSON.parse(stdout.trim().split('\n').at(-1)!) as string[];
  return [...esm, ...cjs.map((p) => pathToFileURL(p).href)];
}

const url = (path: string): string => pathToFileURL(join(root, path)).href;

describe('replay is loaded lazily', { timeout: 60_000 }, () => {
  it('importing the CLI (what `kadet scan` does) loads none of the replay SDKs or sources', () => {
    const modules = loadedModules(`await import(${JSON.stringify(url('shared/cli/main.ts'))});`);
    expect(modules.some((m) => m.endsWith('/shared/cli/main.ts'))).toBe(true);
    expect(modules.some((m) => m.endsWith('/shared/cli/replay.ts'))).toBe(true);
    expect(modules.filter((m) => SDK_PATH.test(m))).toEqual([]);
    expect(modules.filter((m) => m.includes('/shared/replay/sources/') && !m.endsWith('/sources/index.ts'))).toEqual([]);
  });

  it('importing the CLI loads no command implementation but scan and rules, so no sink SDK, webhook server or replay', () => {
    const modules = loadedModules(`await import(${JSON.stringify(url('shared/cli/main.ts'))});`);
    expect(modules.filter((m) => /\/shared\/cli\/[a-z]+-run\.ts$/.test(m) || /\/shared\/cli\/policy-[a-z]+\.ts$/.test(m))).toEqual([]);
    expect(modules.filter((m) => m.includes('/node_modules/@aws-sdk/') || m.includes('/node_modules/@smithy/'))).toEqual([]);
    expect(modules.filter((m) => m.includes('/shared/replay/') || m.includes('/shared/webhook/server.ts') || m.endsWith('/shared/runtime.ts'))).toEqual([]);
  });

  it('detects the SDK once a source builds its client (the check can see a load)', () => {
    const script = `const { createAwsLogs } = await import(${JSON.stringify(url('shared/replay/sources/aws-client.ts'))});\nawait createAwsLogs({ region: 'eu-west-1' });`;
    const modules = loadedModules(script);
    expect(modules.some((m) => m.includes('/node_modules/@aws-sdk/client-cloudwatch-logs/'))).toBe(true);
  });
});

describe('function bundles', { timeout: 60_000 }, () => {
  const entries = ['functions/eks-cloudwatch/handler.ts', 'functions/onprem-webhook/handler.ts', 'functions/gke-pubsub/index.ts', 'functions/aks-eventhub/index.ts'].filter((e) => existsSync(join(root, e)));

  it.each(entries)('%s pulls in neither shared/replay nor a replay SDK', async (entry) => {
    const result = await build({ entryPoints: [join(root, entry)], bundle: true, write: false, platform: 'node', format: 'esm', packages: 'external', metafile: true, logLevel: 'silent', absWorkingDir: root });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((i) => i.startsWith('shared/replay/') || i === 'shared/cli/replay.ts' || i === 'shared/cli/replay-run.ts')).toEqual([]);
    const imported = Object.values(result.metafile.inputs).flatMap((i) => i.imports.filter((x) => x.external).map((x) => x.path));
    expect(imported.filter((p) => SDKS.some((s) => p === s || p.startsWith(`${s}/`)))).toEqual([]);
  });
});
