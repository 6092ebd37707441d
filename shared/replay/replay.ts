// The replay driver: source pages → output (local engine or Runtime) → checkpoint, with progress.
// A page is checkpointed only once all its findings were delivered, so a failed sink or a Ctrl-C
// leaves the checkpoint at the last complete page and a re-run neither skips nor repeats anything:
// what sinks did take from a failed page is saved too, and not sent again on resume. The checkpoint
// belongs to the source, not to the range: a re-run with `--since 24h` goes on from the cursor to the new end.
import { loadCheckpoint, saveCheckpoint, type CheckpointState } from './checkpoint.ts';
import { advance, isDone, type Cursor, type RecordKey } from './cursor.ts';
import { ReplayError } from './errors.ts';
import type { DeliveredPair, FindingOutput } from './output.ts';
import type { Progress } from './progress.ts';
import { Tally } from './tally.ts';
import { iso, type TimeRange } from './time-range.ts';
import type { ReplaySource } from './types.ts';

export interface ReplayRun {
  source: ReplaySource;
  range: TimeRange;
  output: FindingOutput;
  checkpoint?: string;
  progress?: Progress;
  signal?: AbortSignal;
}

export interface ReplayReport {
  tally: Tally;
  /** The cursor a resumed run started from. */
  resumedFrom?: Cursor;
  /** Stopped by the signal before the end of the range. */
  interrupted: boolean;
  /** Where the run got to (what the checkpoint now holds). */
  cursor?: Cursor;
}

/** Reads the range from the source and processes every page; throws ReplayError when a sink keeps failing. */
export async function replay(run: ReplayRun): Promise<ReplayReport> {
  const saved = run.checkpoint !== undefined ? await loadCheckpoint(run.checkpoint, run.source.id) : undefined;
  const resumedFrom = saved?.cursor;
  if (saved?.delivered) run.output.seed?.(saved.delivered);
  const range = { startMs: Math.max(run.range.startMs, resumedFrom?.timeMs ?? run.range.startMs), endMs: run.range.endMs };
  const tally = new Tally();
  let cursor = resumedFrom;
  const save = async (delivered?: DeliveredPair[]): Promise<void> => {
    if (run.checkpoint === undefined || saved === undefined) return;
    const { delivered: _, ...rest } = saved;
    const state: CheckpointState = { ...rest, ...(cursor ? { cursor } : {}), ...(delivered?.length ? { delivered } : {}), records: saved.records + tally.fetched - tally.alreadyDone, updatedAt: new Date().toISOString() };
    await saveCheckpoint(run.checkpoint, state);
  };
  const report = (): ReplayReport => ({ tally, interrupted: run.signal?.aborted === true, ...(resumedFrom ? { resumedFrom } : {}), ...(cursor ? { cursor } : {}) });
  if (range.startMs >= range.endMs) return report();
  const request = { range, isDone: (k: RecordKey) => isDone(resumedFrom, k), ...(run.signal ? { signal: run.signal } : {}) };
  try {
    for await (const page of run.source.pages(request)) {
      const outcome = await run.output.process(page.result);
      tally.page(page.result, outcome.findings, page.keys.length + (page.invalid ?? 0), page.alreadyDone);
      if (outcome.failures.length > 0) {
        await save(run.output.delivered?.(outcome.findings));
        throw undelivered(outcome.failures, cursor, run.checkpoint);
      }
      cursor = advance(cursor, page.keys);
      await save();
      run.progress?.update({ fetched: tally.fetched, coveredUntilMs: page.coveredUntilMs });
      if (run.signal?.aborted) break;
    }
  } catch (err) {
    // Ctrl-C during a request surfaces as the SDK's abort error: the checkpoint already holds the last page.
    // Anything else (a sink that failed, the checkpoint, the cloud) still ends the run with its own message.
    if (!run.signal?.aborted || !isAbortError(err, run.signal)) throw err;
  }
  return report();
}

/** The error an aborted request or wait ends with: the signal's reason itself, or an AbortError (which the SDKs throw). */
export function isAbortError(err: unknown, signal: AbortSignal): boolean {
  if (err === signal.reason) return true;
  return (err as { name?: unknown } | null)?.name === 'AbortError';
}

function undelivered(failures: readonly { target: string; error: string }[], cursor: Cursor | undefined, checkpoint: string | undefined): ReplayError {
  // Delivery errors already start with the sink's name.
  const where = failures.map((f) => (f.error.startsWith(`${f.target}: `) ? f.error : `${f.target}: ${f.error}`)).join('; ');
  const resume =
    checkpoint === undefined
      ? 'use --checkpoint FILE to be able to resume'
      : `progress is saved in ${checkpoint}${cursor ? ` up to ${iso(cursor.timeMs)}` : ''}: re-run the same command to resume`;
  return new ReplayError('sinks', `findings could not be delivered (${where}); ${resume}`, { code: 'REPLAY_UNDELIVERED' });
}
