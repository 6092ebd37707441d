import type { Reject } from '../adapters/reject.ts';
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
 * (the live adapter's mapping), and keeps every key for the checkpoint cursor. `invalid` are records the
 * source could not even key (no usable time, undecodable): rejected, counted as fetched, never in the cursor,
 * so a resume neither takes them for done nor is moved by them.
 */
export function buildPage<R>(
  records: readonly R[],
  keyOf: (r: R) => RecordKey,
  isDone: (k: RecordKey) => boolean,
  adapt: (fresh: R[]) => AdapterResult,
  coveredUntilMs: number,
  invalid: readonly Reject[] = [],
): ReplayPage {
  const keys = records.map(keyOf);
  const fresh = records.filter((_, i) => !isDone(keys[i]!));
  const result = fresh.length > 0 ? adapt(fresh) : emptyResult();
  result.rejects.push(...invalid);
  return { result, keys, alreadyDone: records.length - fresh.length, coveredUntilMs, ...(invalid.length > 0 ? { invalid: invalid.length } : {}) };
}
