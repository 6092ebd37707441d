import { styleText } from 'node:util';
import { formatWhere, type Reject } from '../adapters/reject.ts';
import type { Finding } from '../alerts/finding.ts';
import { PRIORITIES, severity, type Priority } from '../engine/priority.ts';
import type { PipelineSummary } from '../pipeline.ts';

type Style = Parameters<typeof styleText>[0];
const PRIORITY_STYLE: Record<Priority, Style> = {
  Emergency: ['bold', 'red'],
  Alert: ['bold', 'red'],
  Critical: 'red',
  Error: 'red',
  Warning: 'yellow',
  Notice: 'cyan',
  Informational: 'green',
  Debug: 'gray',
};

const paint = (color: boolean, style: Style, text: string): string => (color ? styleText(style, text) : text);

/** One finding as a Falco-like text line: time, priority, rule, rendered output. */
export function findingLine(f: Finding, color: boolean): string {
  return `${f.time} ${paint(color, PRIORITY_STYLE[f.priority], f.priority)} [${f.rule}] ${f.output}\n`;
}

/** One reject as a text line: where, why. */
export function rejectLine(r: Reject): string {
  return `rejected ${formatWhere(r.where)}: ${r.reason}\n`;
}

const n = (x: number): string => x.toLocaleString('en-US');

/** The end-of-scan summary: counts, rejects by reason, findings by rule (most severe first), speed. */
export function summaryText(s: PipelineSummary, files: number, elapsedMs: number, rulePriority: Map<string, Priority>): string {
  const read = s.evaluated + s.rejected + s.skipped;
  const skipped = s.skipped > 0 ? `, ${n(s.skipped)} skipped (not audit events)` : '';
  const lines = [
    '',
    `scanned ${n(files)} file(s): ${n(read)} records, ${n(s.evaluated)} events evaluated, ${n(s.rejected)} rejected${skipped}`,
  ];
  const reasons = Object.entries(s.rejectsByReason).sort((a, b) => b[1] - a[1]);
  if (reasons.length > 0) lines.push(`rejected by reason: ${reasons.map(([r, c]) => `${r} ×${n(c)}`).join(', ')}`);
  lines.push(`findings: ${n(s.findings)}`);
  const rules = Object.entries(s.findingsByRule).sort(
    (a, b) => rank(rulePriority.get(a[0])) - rank(rulePriority.get(b[0])) || b[1] - a[1] || a[0].localeCompare(b[0]),
  );
  for (const [rule, count] of rules) lines.push(`  ${(rulePriority.get(rule) ?? '').padEnd(13)} ${String(count).padStart(6)}  ${rule}`);
  const seconds = elapsedMs / 1000;
  const rate = seconds > 0 ? ` (${n(Math.round(read / seconds))} records/s)` : '';
  lines.push(`elapsed ${seconds.toFixed(2)} s${rate}`);
  return lines.join('\n') + '\n';
}

const rank = (p: Priority | undefined): number => (p ? severity(p) : PRIORITIES.length);
