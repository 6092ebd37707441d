import { existsSync, writeFileSync } from 'node:fs';
import { readAuditLogFile } from '../adapters/logfile/index.ts';
import type { CanonicalEvent } from '../event/types.ts';
import { recommendPolicy, type Recommendation } from '../policy/recommend/build.ts';
import { RecommendError } from '../policy/recommend/errors.ts';
import { recommendWithLog } from '../policy/recommend/from-log.ts';
import { EXIT, UsageError } from './errors.ts';
import type { CliIO } from './io.ts';
import { loadNeedsForCli, warningLine } from './policy-load.ts';

export interface RecommendCliOptions {
  rules?: string[];
  from?: string[];
  out?: string;
  provider: string;
  acceptBlind?: string[];
  format: 'text' | 'json';
}

/** `kadet policy recommend`: writes a policy keeping every rule sighted; with --from, also drops the log's heaviest traffic no rule needs. */
export async function recommend(opts: RecommendCliOptions, io: CliIO): Promise<number> {
  const logs = opts.from ?? [];
  for (const f of logs) if (!existsSync(f)) throw new UsageError(`no such file: ${f}`);
  const { needs, warnings } = await loadNeedsForCli(opts.rules, opts.provider, io);
  for (const w of warnings) io.err(warningLine(w));
  const settings = { provider: opts.provider, acceptBlind: opts.acceptBlind ?? [] };
  let rec: Recommendation;
  try {
    rec = logs.length > 0 ? await recommendWithLog(needs, settings, () => eventsOf(logs), logs.join(', ')) : recommendPolicy(needs, settings);
  } catch (err) {
    if (err instanceof RecommendError) for (const d of err.details) io.err(`  ${d}\n`);
    throw err;
  }
  if (opts.out !== undefined) writeFileSync(opts.out, rec.yaml);
  const c = rec.coverage;
  const kept = rec.narrowed.filter((n) => n.rules.length === 0).length;
  const summary =
    `recommended policy: ${rec.draft.rules.length} rule(s), ${kept} noise rule(s) left out because rules fire on that traffic (see the header); ` +
    `coverage of ${c.rules.length} rule(s): ${c.sighted} sighted, ${c.blind} blind, ${c.accepted} accepted blind, ${c.notApplicable} n/a\n`;
  if (opts.format === 'json') {
    const noise = rec.narrowed.map((n) => ({ why: n.original.why, rules: n.rules.length, removed: n.removed }));
    await io.out(JSON.stringify({ policy: rec.yaml, noise, coverage: c }, null, 2) + '\n');
  } else if (opts.out !== undefined) {
    await io.out(`wrote ${opts.out}\n${summary}`);
  } else {
    await io.out(rec.yaml);
    io.err(summary);
  }
  return EXIT.ok;
}

async function* eventsOf(logs: readonly string[]): AsyncGenerator<CanonicalEvent> {
  for (const log of logs) for await (const item of readAuditLogFile(log)) if (item.kind === 'event') yield item.event;
}
