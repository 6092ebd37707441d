// How far a replay got. Every source returns records in non-decreasing time order (CloudWatch sorts by
// timestamp, Cloud Logging and KQL are asked to), so "done" is: every record before `timeMs`, plus the
// records at exactly `timeMs` whose ids are listed. Re-reading from `timeMs` and skipping those ids
// resumes with no gap and no duplicate, without trusting page tokens that expire (CloudWatch: 24 h).

/** The position of one raw record: its time in the log store (epoch ms) and an id unique in that store. */
export interface RecordKey {
  timeMs: number;
  id: string;
}

/** A resume point: everything before timeMs is done, and the listed ids at timeMs. */
export interface Cursor {
  timeMs: number;
  ids: string[];
}

/** True when a record was already processed by the run that saved `resume`. */
export function isDone(resume: Cursor | undefined, key: RecordKey): boolean {
  if (resume === undefined) return false;
  return key.timeMs < resume.timeMs || (key.timeMs === resume.timeMs && resume.ids.includes(key.id));
}

/** The cursor after processing `keys` (in source order) on top of `cursor`. Pure. */
export function advance(cursor: Cursor | undefined, keys: readonly RecordKey[]): Cursor | undefined {
  let timeMs = cursor?.timeMs;
  let ids = new Set(cursor?.ids ?? []);
  for (const k of keys) {
    if (timeMs === undefined || k.timeMs > timeMs) {
      timeMs = k.timeMs;
      ids = new Set([k.id]);
    } else if (k.timeMs === timeMs) ids.add(k.id);
    // An older record (out of order) is processed but does not move the cursor back.
  }
  return timeMs === undefined ? undefined : { timeMs, ids: [...ids] };
}
