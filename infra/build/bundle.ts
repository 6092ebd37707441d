// `npm run build:functions`: one minified ESM bundle per function under dist/functions/<name>/,
// each a deployable folder: index.mjs, package.json, rules/ (the shipped rule files, without
// fixtures or docs) and the platform's extra files. Fails when a Lambda bundle is over budget or
// a bundle carries a cloud SDK its function does not use. Reports go to stderr, like esbuild's
// own, so `cdk synth > template.yaml` (which runs this first) stays clean.
import { build, type Metafile } from 'esbuild';
import { builtinModules } from 'node:module';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FUNCTIONS, PLATFORMS, SDK_FAMILIES, type FunctionSpec } from './functions.ts';
import { lazyExternals } from './lazy-external.ts';

/** Gives bundled CommonJS code `require`, `__filename` and `__dirname` inside an ES module. */
export const BANNER = [
  "import { createRequire } from 'module';",
  'const require = createRequire(import.meta.url);',
  "import { fileURLToPath as __kfu } from 'url';",
  "import { dirname as __kdn } from 'path';",
  'const __filename = __kfu(import.meta.url);',
  'const __dirname = __kdn(__filename);',
].join(' ');

const RULE_FILE = /\.ya?ml$/;

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface BundleReport {
  name: string;
  platform: string;
  outDir: string;
  /** Size of index.mjs. */
  bytes: number;
  /** Size of the whole folder (bundle, rules, package.json, extras). */
  folderBytes: number;
  /** npm packages inside the bundle, by name. */
  packages: string[];
  /** Imports left to the platform (besides Node built-ins). */
  externals: string[];
  /** Why this bundle must not ship; empty when it may. */
  problems: string[];
}

export interface BundleOptions {
  root?: string;
  /** Default <root>/dist/functions. */
  outDir?: string;
}

/** Builds one function's folder and checks it; never throws for a check, only for a failed build. */
export async function bundleFunction(spec: FunctionSpec, opts: BundleOptions = {}): Promise<BundleReport> {
  const root = opts.root ?? REPO_ROOT;
  const outDir = join(opts.outDir ?? join(root, 'dist', 'functions'), spec.name);
  const platform = PLATFORMS.get(spec.platform)!;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: [join(root, spec.entry)],
    outfile: join(outDir, 'index.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    minify: true,
    // Error classes name themselves (`this.name = new.target.name`): keep those names readable.
    keepNames: true,
    legalComments: 'none',
    banner: { js: BANNER },
    external: [...platform.external],
    plugins: platform.lazy === undefined ? [] : [lazyExternals(platform.lazy, join(root, 'package.json'))],
    metafile: true,
    logLevel: 'warning',
    absWorkingDir: root,
  });
  writeFileSync(join(outDir, 'package.json'), JSON.stringify({ type: 'module', name: `kadet-${spec.name}`, private: true, ...platform.packageJson }, null, 2) + '\n');
  // The ruleset loader reads a directory's *.yaml|*.yml, not recursively: fixtures and docs stay home.
  mkdirSync(join(outDir, 'rules'));
  for (const f of readdirSync(join(root, 'rules')).filter((f) => RULE_FILE.test(f))) cpSync(join(root, 'rules', f), join(outDir, 'rules', f));
  for (const file of spec.extraFiles ?? []) cpSync(join(root, file), join(outDir, basename(file)));

  const packages = bundledPackages(result.metafile);
  const externals = externalImports(result.metafile);
  const bytes = statSync(join(outDir, 'index.mjs')).size;
  return { name: spec.name, platform: spec.platform, outDir, bytes, folderBytes: folderSize(outDir), packages, externals, problems: check(spec, bytes, packages, externals) };
}

/** Package names of every input under node_modules (the innermost node_modules wins). */
export function bundledPackages(meta: Metafile): string[] {
  const names = new Set<string>();
  for (const input of Object.keys(meta.inputs)) {
    const parts = input.split('node_modules/');
    if (parts.length < 2) continue;
    const rest = parts[parts.length - 1]!.split('/');
    names.add(rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!);
  }
  return [...names].sort();
}

/** Imports the bundle leaves to the runtime, Node built-ins excluded. */
export function externalImports(meta: Metafile): string[] {
  const builtins = new Set(builtinModules);
  const out = new Set<string>();
  for (const output of Object.values(meta.outputs)) {
    for (const imp of output.imports) {
      if (!imp.external) continue;
      const bare = imp.path.replace(/^node:/, '');
      if (builtins.has(bare) || builtins.has(bare.split('/')[0]!)) continue;
      out.add(imp.path);
    }
  }
  return [...out].sort();
}

function check(spec: FunctionSpec, bytes: number, packages: readonly string[], externals: readonly string[]): string[] {
  const platform = PLATFORMS.get(spec.platform)!;
  const problems: string[] = [];
  if (platform.maxBytes !== undefined && bytes > platform.maxBytes) problems.push(`index.mjs is ${kb(bytes)}, over the ${kb(platform.maxBytes)} budget`);
  for (const pkg of packages) {
    const family = [...SDK_FAMILIES].find(([, re]) => re.test(pkg))?.[0];
    if ((family !== undefined && !spec.sdks.includes(family)) || spec.forbidden?.includes(pkg)) {
      problems.push(`${pkg} is bundled, but ${spec.name} (${spec.platform}) must not carry it`);
    }
  }
  const provided = platform.external.map((p) => (p.endsWith('/*') ? p.slice(0, -1) : p));
  for (const ext of externals) {
    if (!provided.some((p) => (p.endsWith('/') ? ext.startsWith(p) : ext === p || ext.startsWith(`${p}/`)))) {
      problems.push(`imports ${ext}, which ${spec.platform} does not provide`);
    }
  }
  return problems;
}

function folderSize(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => {
    const p = join(dir, e.name);
    return sum + (e.isDirectory() ? folderSize(p) : statSync(p).size);
  }, 0);
}

export function kb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

/** Builds every function whose entry exists; returns the reports and the names skipped. */
export async function bundleAll(opts: BundleOptions = {}): Promise<{ reports: BundleReport[]; skipped: string[] }> {
  const root = opts.root ?? REPO_ROOT;
  const present = FUNCTIONS.filter((f) => existsSync(join(root, f.entry)));
  const skipped = FUNCTIONS.filter((f) => !present.includes(f)).map((f) => f.name);
  const reports = await Promise.all(present.map((f) => bundleFunction(f, opts)));
  return { reports, skipped };
}

async function main(): Promise<void> {
  const say = (line: string): void => void process.stderr.write(line + '\n');
  const { reports, skipped } = await bundleAll();
  for (const name of skipped) say(`skipped ${name}: ${FUNCTIONS.find((f) => f.name === name)!.entry} does not exist yet`);
  for (const r of reports) {
    say(`${relative(REPO_ROOT, join(r.outDir, 'index.mjs')).padEnd(40)} ${kb(r.bytes).padStart(9)}  (folder ${kb(r.folderBytes)}; ${r.packages.length} packages${r.externals.length ? `; provided: ${r.externals.join(', ')}` : ''})`);
    for (const p of r.problems) say(`  ✗ ${p}`);
  }
  if (reports.some((r) => r.problems.length > 0)) {
    say('build:functions failed: fix the problems above');
    process.exitCode = 1;
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
