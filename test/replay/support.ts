// Shared by the replay tests: the bundled rules, an output that records what it was given, and a collector.
import type { AdapterResult } from '../../shared/adapters/types.ts';
import type { Finding } from '../../shared/alerts/finding.ts';
import { fieldRegistry } from '../../shared/engine/fields/index.ts';
import { Engine, loadRulePaths, type CompiledRule } from '../../shared/engine/index.ts';
import { defaultRulesDir } from '../../shared/paths.ts';
import { localOutput, type FindingOutput } from '../../shared/replay/output.ts';

let rules: CompiledRule[] | undefined;

/** The bundled ruleset, loaded once. */
export async function bundledRules(): Promise<CompiledRule[]> {
  if (rules) return rules;
  const loaded = await loadRulePaths([defaultRulesDir()], fieldRegistry);
  if (loaded.errors.length > 0) throw new Error(loaded.errors[0]!.message);
  rules = loaded.rules;
  return rules;
}

export interface Recording extends FindingOutput {
  findings: Finding[];
  /** `auditID|stage` of every evaluated event, in order. */
  events: string[];
  rejects: AdapterResult['rejects'];
  pages: number;
}

/** A local-engine output that records events, findings and rejects; `afterPage` runs after each page. */
export async function recordingOutput(afterPage?: (pages: number) => void): Promise<Recording> {
  const findings: Finding[] = [];
  const rejects: AdapterResult['rejects'] = [];
  const inner = localOutput(new Engine(await bundledRules()), { emit: (f) => void findings.push(f), reject: (r) => void rejects.push(r) });
  const rec: Recording = {
    findings,
    events: [],
    rejects,
    pages: 0,
    async process(result) {
      for (const ce of result.events) rec.events.push(`${ce.event.auditID}|${ce.event.stage}`);
      const outcome = await inner.process(result);
      rec.pages++;
      afterPage?.(rec.pages);
      return outcome;
    },
  };
  return rec;
}
