import type { RuleNeeds } from '../../engine/analysis/index.ts';
import type { CanonicalEvent } from '../../event/types.ts';
import { parsePolicy } from '../parse.ts';
import { Simulation } from '../simulate.ts';
import { recommendPolicy, type RecommendOptions, type Recommendation } from './build.ts';
import { emitDraft } from './emit.ts';
import { HeavyHitters } from './heavy.ts';
import { bytesText } from './wording.ts';

/** Recorded events, readable more than once (a log file is read once per pass). */
export type EventSource = () => AsyncIterable<CanonicalEvent>;

/**
 * recommendPolicy plus None rules for the heaviest user × resource pairs the first draft still
 * writes in a recorded log (narrowed like every noise rule), and a header line saying what the
 * final policy writes of that log.
 */
export async function recommendWithLog(needs: readonly RuleNeeds[], opts: RecommendOptions, events: EventSource, label: string): Promise<Recommendation> {
  const first = recommendPolicy(needs, opts);
  const heavy = new HeavyHitters(parsePolicy(first.yaml, '<recommended>').policy);
  for await (const ce of events()) heavy.add(ce.event);
  const rec = recommendPolicy(needs, { ...opts, extraNoise: [...(opts.extraNoise ?? []), ...heavy.candidates()] });
  const sim = new Simulation(parsePolicy(rec.yaml, '<recommended>').policy);
  for await (const ce of events()) sim.add(ce);
  const r = sim.report(0);
  const line =
    `On ${label}: ${r.input.events.toLocaleString('en-US')} events (${bytesText(r.input.bytes)}) recorded; this policy writes ` +
    `${r.written.events.toLocaleString('en-US')} (${bytesText(r.written.bytes)}), ${(r.reduction.bytes * 100).toFixed(1)}% fewer bytes.`;
  const draft = { ...rec.draft, header: [...rec.draft.header, line] };
  // Only the header comment changes, so the checks recommendPolicy made still hold.
  return { ...rec, draft, yaml: emitDraft(draft) };
}
