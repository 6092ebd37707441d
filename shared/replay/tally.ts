import type { AdapterResult } from '../adapters/types.ts';
import type { Finding } from '../alerts/finding.ts';
import { reasonKind } from '../pipeline.ts';

/** Counts over a whole replay: every fetched record is new (evaluated, rejected, skipped) or already done. */
export class Tally {
  fetched = 0;
  alreadyDone = 0;
  evaluated = 0;
  rejected = 0;
  skipped = 0;
  findings = 0;
  pages = 0;
  readonly byRule = new Map<string, number>();
  readonly byReason = new Map<string, number>();

  /** Adds one page: its adapter result, the findings it produced, and how many records it fetched. */
  page(result: AdapterResult, findings: readonly Finding[], fetched: number, alreadyDone: number): void {
    this.pages++;
    this.fetched += fetched;
    this.alreadyDone += alreadyDone;
    this.evaluated += result.events.length;
    this.rejected += result.rejects.length;
    this.skipped += result.skipped + result.control;
    this.findings += findings.length;
    for (const f of findings) this.byRule.set(f.rule, (this.byRule.get(f.rule) ?? 0) + 1);
    for (const r of result.rejects) this.byReason.set(reasonKind(r.reason), (this.byReason.get(reasonKind(r.reason)) ?? 0) + 1);
  }
}
