// The sample story (events/audit.log) as each log store holds it, plus the reference scan to compare with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEvent } from '../../../shared/event/types.ts';
import { memoryIO } from '../../../shared/cli/io.ts';
import { main } from '../../../shared/cli/main.ts';
import { packageRoot } from '../../../shared/paths.ts';

export const SAMPLE = join(packageRoot(), 'events', 'audit.log');

/** Each line exactly as written (what EKS ships as the CloudWatch message). */
export const sampleLines = (): string[] => readFileSync(SAMPLE, 'utf8').split('\n').filter(Boolean);

export const sampleEvents = (): AuditEvent[] => sampleLines().map((l) => JSON.parse(l) as AuditEvent);

/** The sample's time span: 2026-11-20 09:00–10:00 UTC. */
export const SAMPLE_START = '2026-11-20T08:59:00Z';
export const SAMPLE_END = '2026-11-20T10:01:00Z';

export interface FindingKey {
  rule: string;
  auditID: string;
  stage: string;
}

/** Sorted `rule|auditID|stage` strings of findings (JSON lines or objects). */
export function findingKeys(findings: readonly { rule: string; kadet: { auditID: string; stage: string } }[]): string[] {
  return findings.map((f) => `${f.rule}|${f.kadet.auditID}|${f.kadet.stage}`).sort();
}

/** Parses JSON-lines stdout into findings. */
export function parseFindings(stdout: string): { rule: string; priority: string; kadet: { auditID: string; stage: string; origin: Record<string, unknown> } }[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { rule: string; priority: string; kadet: { auditID: string; stage: string; origin: Record<string, unknown> } });
}

let scanned: string[] | undefined;

/** `kadet scan events/audit.log --format json` → finding keys (computed once). */
export async function scanKeys(): Promise<string[]> {
  if (scanned) return scanned;
  const io = memoryIO();
  const code = await main(['scan', SAMPLE, '--format', 'json'], io);
  if (code !== 0) throw new Error(`scan failed: ${io.stderr()}`);
  scanned = findingKeys(parseFindings(io.stdout()));
  return scanned;
}

/** Milliseconds of an audit event's stage time. */
export const eventMs = (e: AuditEvent): number => Date.parse(e.stageTimestamp ?? e.requestReceivedTimestamp ?? '');
