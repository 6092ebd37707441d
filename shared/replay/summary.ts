import { PRIORITIES, severity, type Priority } from '../engine/priority.ts';
import { iso, type TimeRange } from './time-range.ts';
import type { Tally } from './tally.ts';

const n = (x: number): string => x.toLocaleString('en-US');
const rank = (p: Priority | undefined): number => (p ? severity(p) : PRIORITIES.length);

export interface SummaryContext {
  label: string;
  range: TimeRange;
  elapsedMs: number;
  rulePriority: ReadonlyMap<string, Priority>;
  /** Where a resumed run started (the checkpoint cursor). */
  resumedFromMs?: number;
  /** True when the run stopped early (Ctrl-C); the checkpoint holds the position. */
  interrupted?: boolean;
  checkpoint?: string;
}

/** The end-of-replay summary: what was read, what became of it, findings by rule (most severe first), speed. */
export function summaryText(t: Tally, ctx: SummaryContext): string {
  const lines = ['', `replayed ${ctx.label}: ${iso(ctx.range.startMs)} → ${iso(ctx.range.endMs)}`];
  if (ctx.resumedFromMs !== undefined) lines.push(`resumed from ${iso(ctx.resumedFromMs)} (${ctx.checkpoint}); ${n(t.alreadyDone)} record(s) already done were skipped`);
  const skipped = t.skipped > 0 ? `, ${n(t.skipped)} skipped (not audit events)` : '';
  lines.push(`${n(t.fetched)} records in ${n(t.pages)} page(s): ${n(t.evaluated)} events evaluated, ${n(t.rejected)} rejected${skipped}`);
  const reasons = [...t.byReason].sort((a, b) => b[1] - a[1]);
  if (reasons.length > 0) lines.push(`rejected by reason: ${reasons.map(([r, c]) => `${r} ×${n(c)}`).join(', ')}`);
  lines.push(`findings: ${n(t.findings)}`);
  const rules = [...t.byRule].sort((a, b) => rank(ctx.rulePriority.get(a[0])) - rank(ctx.rulePriority.get(b[0])) || b[1] - a[1] || a[0].localeCompare(b[0]));
  for (const [rule, count] of rules) lines.push(`  ${(ctx.rulePriority.get(rule) ?? '').padEnd(13)} ${String(count).padStart(6)}  ${rule}`);
  if (ctx.interrupted) lines.push(`interrupted${ctx.checkpoint ? `: run the same command with --checkpoint ${ctx.checkpoint} to resume` : ' (no --checkpoint: a re-run starts over)'}`);
  const seconds = ctx.elapsedMs / 1000;
  lines.push(`elapsed ${seconds.toFixed(2)} s${seconds > 0 ? ` (${n(Math.round(t.fetched / seconds))} records/s)` : ''}`);
  return lines.join('\n') + '\n';
}
