import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleAll, bundleFunction, REPO_ROOT, type BundleReport } from '../../infra/build/bundle.ts';
import { FUNCTIONS, PLATFORMS } from '../../infra/build/functions.ts';
import { lazyShim } from '../../infra/build/lazy-external.ts';

const rootPackage = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
// Under the repository, so the imports the platforms provide (Functions Framework) resolve from node_modules.
mkdirSync(join(REPO_ROOT, 'dist'), { recursive: true });
const outDir = mkdtempSync(join(REPO_ROOT, 'dist', 'test-bundles-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));
const { reports, skipped } = await bundleAll({ outDir });
const report = (name: string): BundleReport => reports.find((r) => r.name === name)!;

/** Imports a bundle in a fresh node with no configuration; returns its export names. */
function importFresh(file: string): { status: number | null; exports: string[]; output: string } {
  const script = `const m = await import(${JSON.stringify(pathToFileURL(file).href)}); console.log('KADET_EXPORTS=' + JSON.stringify(Object.keys(m)));`;
  const p = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' }, timeout: 30_000 });
  const line = /KADET_EXPORTS=(.*)/.exec(p.stdout);
  return { status: p.status, exports: line ? (JSON.parse(line[1]!) as string[]) : [], output: p.stdout + p.stderr };
}

describe('npm run build:functions', () => {
  it('builds every function whose entry exists', () => {
    expect(skipped).toEqual([]);
    expect(reports.map((r) => r.name).sort()).toEqual(FUNCTIONS.map((f) => f.name).sort());
  });

  it.each(FUNCTIONS.map((f) => [f.name]))('%s: passes its checks (size budget, SDKs, provided imports)', (name) => {
    expect(report(name).problems).toEqual([]);
  });

  it.each(FUNCTIONS.filter((f) => f.platform === 'aws-lambda').map((f) => [f.name]))('%s: fits the Lambda budget and carries no SDK (the runtime provides it)', (name) => {
    const r = report(name);
    expect(r.bytes).toBeLessThanOrEqual(1024 * 1024);
    expect(r.packages.filter((p) => /^@(aws-sdk|smithy|aws|google-cloud|azure)\//.test(p))).toEqual([]);
    expect(r.externals.every((e) => e.startsWith('@aws-sdk/'))).toBe(true);
  });

  it('keeps SDKs a function does not use out of the GCP and Azure bundles', () => {
    for (const name of ['gke-pubsub', 'aks-eventhub']) {
      const pkgs = report(name).packages;
      expect(pkgs).not.toContain('@aws-sdk/client-ssm');
      expect(pkgs).not.toContain('@aws-sdk/client-secrets-manager');
    }
    expect(report('gke-pubsub').packages.filter((p) => p.startsWith('@azure/'))).toEqual([]);
    expect(report('aks-eventhub').packages.filter((p) => p.startsWith('@google-cloud/'))).toEqual([]);
    expect(report('gke-pubsub').externals).toEqual(['@google-cloud/functions-framework']);
    expect(report('aks-eventhub').externals).toEqual(['@azure/functions-core']);
  });

  it.each(FUNCTIONS.map((f) => [f.name, f.platform]))('%s: is a deployable folder: package.json, the rule files (no fixtures, no docs)', (name, platform) => {
    const dir = join(outDir, name);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({ type: 'module', name: `kadet-${name}`, private: true, ...PLATFORMS.get(platform)!.packageJson });
    const shipped = readdirSync(join(REPO_ROOT, 'rules')).filter((f) => /\.ya?ml$/.test(f)).sort();
    expect(readdirSync(join(dir, 'rules')).sort()).toEqual(shipped);
    expect(existsSync(join(dir, 'rules', 'tests'))).toBe(false);
  });

  it('pins the Functions Framework the GCP build installs to the version the code was built against', () => {
    const pkg = JSON.parse(readFileSync(join(outDir, 'gke-pubsub', 'package.json'), 'utf8')) as { dependencies: Record<string, string>; main: string };
    expect(pkg.dependencies).toEqual({ '@google-cloud/functions-framework': rootPackage.dependencies['@google-cloud/functions-framework'] });
    expect(pkg.main).toBe('index.mjs');
  });

  it('puts host.json beside the Azure bundle', () => {
    expect(readFileSync(join(outDir, 'aks-eventhub', 'host.json'), 'utf8')).toBe(readFileSync(join(REPO_ROOT, 'functions/aks-eventhub/host.json'), 'utf8'));
  });

  it.each([
    ['eks-cloudwatch', ['createEksHandler', 'handler']],
    ['onprem-webhook', ['handler']],
    ['gke-pubsub', ['instance']],
    ['aks-eventhub', ['kadetAksAudit']],
  ])('%s: imports offline in a fresh node, finding its ruleset, and exports %j', (name, wanted) => {
    const r = importFresh(join(outDir, name, 'index.mjs'));
    // gke-pubsub and aks-eventhub build their runtime at import: a missing ruleset would show here.
    expect(r.output).not.toMatch(/kadet package root not found|"coldstart"/);
    expect(r.status, r.output).toBe(0);
    expect(r.exports).toEqual(expect.arrayContaining(wanted));
  });
});

describe('bundle banner and lazy externals', () => {
  it('gives bundled CommonJS require, __filename and __dirname', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kadet-banner-'));
    mkdirSync(join(root, 'rules'));
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src', 'legacy.cjs'), "module.exports = { dir: __dirname, file: __filename, sep: require('path').sep };\n");
    writeFileSync(join(root, 'src', 'entry.ts'), "import legacy from './legacy.cjs';\nexport const seen = legacy;\n");
    const r = await bundleFunction({ name: 'probe', entry: 'src/entry.ts', platform: 'gcp-functions', sdks: [] }, { root, outDir: join(root, 'out') });
    expect(r.problems).toEqual([]);
    const { seen } = (await import(pathToFileURL(join(root, 'out', 'probe', 'index.mjs')).href)) as { seen: { dir: string; file: string; sep: string } };
    expect(seen).toEqual({ dir: join(root, 'out', 'probe'), file: join(root, 'out', 'probe', 'index.mjs'), sep: '/' });
  });

  it('a lazy export loads its package on first use and behaves as the real class', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kadet-lazy-'));
    const file = join(dir, 'shim.mjs');
    const prelude = `import { createRequire } from 'module'; const require = createRequire(${JSON.stringify(join(REPO_ROOT, 'package.json'))});\n`;
    writeFileSync(file, prelude + lazyShim('@aws-sdk/client-sns', ['SNSClient', 'PublishBatchCommand', 'not a name']));
    const shim = (await import(pathToFileURL(file).href)) as Record<string, new (input: object) => { input: object }>;
    const real = await import('@aws-sdk/client-sns');
    const cmd = new shim['PublishBatchCommand']!({ TopicArn: 'arn:aws:sns:eu-west-1:123456789012:t', PublishBatchRequestEntries: [] });
    expect(cmd).toBeInstanceOf(real.PublishBatchCommand);
    expect(cmd).toBeInstanceOf(shim['PublishBatchCommand']!);
    expect(cmd.input).toEqual({ TopicArn: 'arn:aws:sns:eu-west-1:123456789012:t', PublishBatchRequestEntries: [] });
    expect(Object.keys(shim).sort()).toEqual(['PublishBatchCommand', 'SNSClient']);
  });

  it('Lambda bundles import the AWS SDK only through lazy shims', () => {
    for (const name of ['eks-cloudwatch', 'onprem-webhook']) {
      const text = readFileSync(join(outDir, name, 'index.mjs'), 'utf8');
      expect(/from\s*"@aws-sdk\//.test(text), name).toBe(false);
      // The shim's loader: require("<package>") through the banner's createRequire.
      for (const pkg of PLATFORMS.get('aws-lambda')!.lazy ?? []) expect(new RegExp(`\\w\\("${pkg}"\\)`).test(text), `${name} ${pkg}`).toBe(true);
    }
  });
});
