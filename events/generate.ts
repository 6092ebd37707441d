// `npm run events`: writes events/audit.log, one simulated cluster hour (2026-11-20 09:00–10:00 UTC)
// with the attack story in it, as the apiserver's log backend writes it (JSON lines).
//
//   tsx events/generate.ts                                  the sample hour → events/audit.log
//   tsx events/generate.ts --events 2000000 --out big.log [--seed 7] [--attack-every 5000]
//
// Benchmarks import `generateAuditLog` and stream the lines wherever they like.

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, generateAuditLog, scenarioHour } from './scenario/stream.ts';

export { generateAuditLog, scenarioHour, DEFAULT_SEED };
export type { GenerateOptions } from './scenario/stream.ts';

const SAMPLE = fileURLToPath(new URL('./audit.log', import.meta.url));

/** Writes lines to a file with backpressure, one line at a time. */
export async function writeLines(path: string, lines: Iterable<string>): Promise<number> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  let n = 0;
  for (const line of lines) {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
    n++;
  }
  out.end();
  await once(out, 'finish');
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string' },
      seed: { type: 'string' },
      'attack-every': { type: 'string' },
      out: { type: 'string' },
    },
  });
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`);

  if (values.events === undefined) {
    const entries = scenarioHour(seed);
    const n = await writeLines(values.out ?? SAMPLE, entries.map((e) => JSON.stringify(e.event)));
    const byTag = new Map<string, number>();
    for (const e of entries) byTag.set(e.tag, (byTag.get(e.tag) ?? 0) + 1);
    console.log(`wrote ${n} events to ${values.out ?? SAMPLE}`);
    for (const [tag, count] of [...byTag].sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(5)}  ${tag}`);
    return;
  }

  const events = Number(values.events);
  if (!Number.isInteger(events) || events < 0) throw new Error(`--events must be a non-negative integer, got ${values.events}`);
  const attackEvery = values['attack-every'] === undefined ? undefined : Number(values['attack-every']);
  if (attackEvery !== undefined && (!Number.isInteger(attackEvery) || attackEvery < 0)) {
    throw new Error(`--attack-every must be a non-negative integer, got ${values['attack-every']}`);
  }
  const out = values.out ?? SAMPLE;
  const n = await writeLines(out, generateAuditLog({ events, seed, ...(attackEvery === undefined ? {} : { attackEvery }) }));
  console.log(`wrote ${n} events to ${out}`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
