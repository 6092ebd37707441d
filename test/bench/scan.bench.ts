// `npm run bench`: throughput and memory of `kadet scan` against a read+parse baseline and jq.
// Sizes: BENCH_EVENTS (default 250000) and 4× that for the memory-growth check.
import { createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { generateAuditLog } from '../../events/generate.ts';
import { measure, type Measurement } from './measure.ts';

const root = join(import.meta.dirname, '..', '..');
const workDir = join(root, '.bench');
const events = Number(process.env['BENCH_EVENTS'] ?? 250_000);

async function ensureLog(n: number): Promise<string> {
  mkdirSync(workDir, { recursive: true });
  const path = join(workDir, `audit-${n}.log`);
  if (existsSync(path)) return path;
  const out = createWriteStream(path + '.tmp');
  for (const line of generateAuditLog({ events: n, seed: 42 })) {
    if (!out.write(line + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  spawnSync('mv', [path + '.tmp', path]);
  return path;
}

const node = process.execPath;
const tsx = ['--import', 'tsx'];
const kadet = join(root, 'shared', 'cli', 'kadet.js');

function row(m: Measurement, n: number, bytes: number): string {
  const rss = m.peakRssMiB === undefined ? 'n/a' : `${m.peakRssMiB.toFixed(0)} MiB`;
  return `${m.label.padEnd(34)} ${m.seconds.toFixed(2).padStart(7)} s ${Math.round(n / m.seconds).toLocaleString('en-US').padStart(10)} ev/s ${(bytes / 2 ** 20 / m.seconds).toFixed(1).padStart(7)} MB/s  peak RSS ${rss}`;
}

const small = await ensureLog(events);
const large = await ensureLog(events * 4);
const bytes = statSync(small).size;
console.log(`log: ${events.toLocaleString('en-US')} events, ${(bytes / 2 ** 20).toFixed(1)} MiB (${small})`);

const a = measure('(a) read + JSON.parse', node, [...tsx, join(root, 'test/bench/read-parse.ts'), small]);
const b = measure('(b) kadet scan, all rules', node, [kadet, 'scan', small, '--format', 'json'], true);
const hasJq = spawnSync('jq', ['--version']).status === 0;
const c = hasJq ? measure('(c) jq select anonymous', 'jq', ['-c', 'select(.user.username=="system:anonymous")', small], true) : undefined;
for (const m of [a, b, c]) if (m) console.log(row(m, events, bytes));

const bLarge = measure(`(b) kadet scan, ${(events * 4).toLocaleString('en-US')} events`, node, [kadet, 'scan', large, '--format', 'json'], true);
console.log(row(bLarge, events * 4, statSync(large).size));

const ratio = (x: Measurement, y: Measurement): string => (y.seconds / x.seconds).toFixed(2);
const rssGrowth =
  b.peakRssMiB && bLarge.peakRssMiB ? `${(bLarge.peakRssMiB / b.peakRssMiB).toFixed(2)} (RSS ${b.peakRssMiB.toFixed(0)} → ${bLarge.peakRssMiB.toFixed(0)} MiB for 4× the input)` : 'n/a';
console.log(`ratios: b/a = ${ratio(b, a)} (target ≥ 0.5)  b/c = ${c ? ratio(b, c) : 'n/a (no jq)'} (target ≥ 5)  RSS growth = ${rssGrowth}`);
