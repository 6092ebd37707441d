import type { BatchSummary } from '../../shared/runtime.ts';

/** Several batch summaries (one per Kinesis record) as one, timed by the caller. */
export function sumSummaries(parts: readonly BatchSummary[], durationMs: number): BatchSummary {
  const total: BatchSummary = { received: 0, evaluated: 0, rejected: 0, skipped: 0, findings: 0, findingsByPriority: {}, delivered: 0, failures: [], durationMs };
  for (const s of parts) {
    total.received += s.received;
    total.evaluated += s.evaluated;
    total.rejected += s.rejected;
    total.skipped += s.skipped;
    total.findings += s.findings;
    total.delivered += s.delivered;
    total.failures.push(...s.failures);
    for (const [p, n] of Object.entries(s.findingsByPriority)) total.findingsByPriority[p] = (total.findingsByPriority[p] ?? 0) + n;
  }
  return total;
}
