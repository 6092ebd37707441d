import { emptyResult, type AdapterResult } from '../adapters/types.ts';
import type { RecordKey } from './cursor.ts';
import type { ReplayPage } from './types.ts';

/** Appends `add` to `into` (events, rejects, skipped and control counts). */
export function mergeResult(into: AdapterResult, add: AdapterResult): AdapterResult {
  into.events.push(...add.events);
  into.rejects.push(...add.rejects);
  into.skipped += add.skipped;
  into.control += add.control;
  return into;
}

/**
 * Builds a page from raw records: drops those a resumed run already did, adapts the rest with `adapt`
 * (the live adapter's mapping), and keeps every key for the checkpoint cursor.
 */
export function buildPage<R>(records: readonly R[], keyOf: (r: R) => RecordKey, isDone: (k: RecordKey) => boolean, adapt: (fresh: R[]) => AdapterResult, coveredUntilMs: number): ReplayPage {
  const keys = records.map(keyOf);
  const fresh = records.filter((_, i) => !isDone(keys[i]!));
  return { result: fresh.length > 0 ? adapt(fresh) : emptyResult(), keys, alreadyDone: records.length - fresh.length, coveredUntilMs };
}
