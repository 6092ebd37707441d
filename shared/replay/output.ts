// Where a replayed page's events go: a local engine printing findings (the default, like `kadet scan`), or
// the live functions' Runtime delivering to the configured sinks. Both build findings with the same
// Pipeline.evaluate → buildFinding, so the findings are the live function's.
import type { Reject } from '../adapters/reject.ts';
import type { AdapterResult } from '../adapters/types.ts';
import type { Finding } from '../alerts/finding.ts';
import type { Dedup } from '../alerts/dedup.ts';
import type { Engine } from '../engine/index.ts';
import { Pipeline } from '../pipeline.ts';
import type { Runtime } from '../runtime.ts';

/** What one page did downstream. */
export interface PageOutcome {
  findings: Finding[];
  /** Sinks that still failed after retries (runtime mode); the page is then not checkpointed. */
  failures: { target: string; error: string }[];
}

/** A finding a sink already took: [sink name, finding id]. */
export type DeliveredPair = [sink: string, findingId: string];

/** Evaluates a page's events and hands the findings on. */
export interface FindingOutput {
  process(result: AdapterResult): Promise<PageOutcome>;
  /** (sinks) The pairs of `findings` some sink did take, saved when a page failed partway. */
  delivered?(findings: readonly Finding[]): DeliveredPair[];
  /** (sinks) Marks pairs from the checkpoint as taken, so a resumed page does not send them again. */
  seed?(pairs: readonly DeliveredPair[]): void;
}

export interface LocalOutputOptions {
  /** Writes one finding (JSON line or text line); a returned promise is awaited (stdout backpressure). */
  emit: (f: Finding) => void | Promise<void>;
  /** Reports one reject. */
  reject: (r: Reject) => void;
}

/** The default: evaluate here, print findings, report rejects. Never fails a page. */
export function localOutput(engine: Engine, opts: LocalOutputOptions): FindingOutput {
  return {
    async process(result) {
      const pipeline = new Pipeline(engine);
      const findings: Finding[] = [];
      for (const ce of result.events) {
        for (const f of pipeline.evaluate(ce)) {
          findings.push(f);
          const pending = opts.emit(f);
          if (pending) await pending;
        }
      }
      for (const r of result.rejects) opts.reject(r);
      return { findings, failures: [] };
    },
  };
}

/** `--sinks`: the functions' own Runtime (retries, dead-letter targets), with `dedup` its delivery memory. */
export function runtimeOutput(runtime: Runtime, dedup: Dedup): FindingOutput {
  return {
    async process(result) {
      const outcome = await runtime.process(result);
      return { findings: outcome.findings, failures: outcome.summary.failures };
    },
    delivered(findings) {
      // Dedup answers "already taken" per sink; filterNew does not record anything.
      return runtime.sinks.flatMap((s) => findings.filter((f) => dedup.filterNew([f], s.name).length === 0).map((f): DeliveredPair => [s.name, f.kadet.id]));
    },
    seed(pairs) {
      for (const [sink, id] of pairs) dedup.remember([{ kadet: { id } } as Finding], sink);
    },
  };
}
