// `npm run bench:bundles`: builds every function bundle, then reports its size and cold import time
// (a fresh `node` importing dist/functions/<name>/index.mjs, 10 times). Lambda budget: index.mjs
// ≤ 1 MB minified and import ≤ 150 ms on this machine; the bench exits 1 when one is missed.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleAll, kb, type BundleReport } from '../../infra/build/bundle.ts';
import { PLATFORMS, type Platform } from '../../infra/build/functions.ts';

const RUNS = Number(process.env['BENCH_IMPORT_RUNS'] ?? 10);
const IMPORT_BUDGET_MS = 150;

interface ImportTimes {
  /** Module evaluation: the `await import()` itself, in ms. */
  importMs: number[];
  /** Loading the lazily required SDK clients afterwards (what the first invocation pays), in ms. */
  lazyMs: number[];
  /** The whole process: node start, import, and whatever the module starts (warm-up), in ms. */
  processMs: number[];
}

/** Imports the bundle in `runs` fresh processes with no configuration (no network, stdout sink). */
function coldImports(r: BundleReport, runs: number, lazy: readonly string[]): ImportTimes {
  const url = pathToFileURL(join(r.outDir, 'index.mjs')).href;
  const script = [
    `const t = performance.now(); await import(${JSON.stringify(url)}); const imported = performance.now();`,
    `const { createRequire } = await import('node:module'); const req = createRequire(${JSON.stringify(url)});`,
    `for (const p of ${JSON.stringify(lazy)}) req(p);`,
    `process.stdout.write('KADET_IMPORT_MS=' + (imported - t) + ' KADET_LAZY_MS=' + (performance.now() - imported));`,
  ].join('\n');
  const times: ImportTimes = { importMs: [], lazyMs: [], processMs: [] };
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const p = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } });
    times.processMs.push(performance.now() - started);
    const m = /KADET_IMPORT_MS=([\d.]+) KADET_LAZY_MS=([\d.]+)/.exec(p.stdout);
    if (p.status !== 0 || m === null) throw new Error(`${r.name}: import failed (${p.status}): ${p.stderr.slice(-1500)}`);
    times.importMs.push(Number(m[1]));
    times.lazyMs.push(Number(m[2]));
  }
  return times;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const ms = (x: number): string => `${x.toFixed(0)} ms`;

const { reports, skipped } = await bundleAll();
for (const name of skipped) console.log(`${name}: skipped, its entry does not exist yet`);
let failed = false;
console.log(
  `${'function'.padEnd(16)} ${'platform'.padEnd(16)} ${'index.mjs'.padStart(10)} ${'folder'.padStart(10)}  ${`import mean (min–max) of ${RUNS}`.padEnd(30)} ${'+SDK 1st use'.padStart(12)} ${'process'.padStart(8)}  budget`,
);
for (const r of reports) {
  const platform = PLATFORMS.get(r.platform as Platform)!;
  const t = coldImports(r, RUNS, platform.lazy ?? []);
  const budgeted = platform.maxBytes !== undefined;
  const over = [
    ...r.problems,
    ...(budgeted && mean(t.importMs) > IMPORT_BUDGET_MS ? [`import ${ms(mean(t.importMs))} > ${IMPORT_BUDGET_MS} ms`] : []),
  ];
  if (budgeted && over.length > 0) failed = true;
  const verdict = !budgeted ? '—' : over.length === 0 ? 'ok' : `OVER: ${over.join('; ')}`;
  const importCol = `${ms(mean(t.importMs)).padStart(7)} (${ms(Math.min(...t.importMs))}–${ms(Math.max(...t.importMs))})`;
  const lazyCol = platform.lazy === undefined ? '—' : `+${ms(mean(t.lazyMs))}`;
  console.log(
    `${r.name.padEnd(16)} ${r.platform.padEnd(16)} ${kb(r.bytes).padStart(10)} ${kb(r.folderBytes).padStart(10)}  ${importCol.padEnd(30)} ${lazyCol.padStart(12)} ${ms(mean(t.processMs)).padStart(8)}  ${verdict}`,
  );
}
console.log(`Lambda budget: index.mjs ≤ 1 MB, import ≤ ${IMPORT_BUDGET_MS} ms. The AWS SDK clients load on first use (infra/build/lazy-external.ts): "+SDK 1st use".`);
if (failed) process.exitCode = 1;
