// `--checkpoint FILE`: a small JSON file naming the replay's source and its cursor, rewritten after each
// page whose findings were all delivered. Written to a temp file and renamed over, so a crash mid-write
// leaves the previous checkpoint, never a torn one. The temp file has a random name and is created
// exclusively (never through a symlink or over a file someone planted there), readable by the owner only.
import { randomBytes } from 'node:crypto';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { CheckpointError } from './errors.ts';
import type { Cursor } from './cursor.ts';

export const CHECKPOINT_VERSION = 1;

/** The file's content. `source` ties it to one log store, so a checkpoint cannot resume another replay. */
export interface CheckpointState {
  version: typeof CHECKPOINT_VERSION;
  source: string;
  cursor?: Cursor;
  /** Findings sinks already took from the first page not yet checkpointed: [sink, finding id]. */
  delivered?: [string, string][];
  /** Records processed so far over every run, for the summary. */
  records: number;
  updatedAt: string;
}

/** Reads FILE; a missing file is a fresh start. Throws CheckpointError when it is unreadable or for another source. */
export async function loadCheckpoint(file: string, source: string): Promise<CheckpointState> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: CHECKPOINT_VERSION, source, records: 0, updatedAt: new Date(0).toISOString() };
    throw new CheckpointError(file, `cannot read: ${(err as Error).message}`, { cause: err });
  }
  const state = parseState(text, file);
  if (state.source !== source) {
    throw new CheckpointError(file, `belongs to another replay (${state.source}), not ${source}: use another --checkpoint file`);
  }
  return state;
}

function parseState(text: string, file: string): CheckpointState {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    throw new CheckpointError(file, `not JSON (${(err as Error).message}); delete it to start over`, { cause: err });
  }
  const s = v as Partial<CheckpointState> | null;
  const cursorOk = s?.cursor === undefined || (Number.isFinite(s.cursor.timeMs) && Array.isArray(s.cursor.ids) && s.cursor.ids.every((i) => typeof i === 'string'));
  const deliveredOk = s?.delivered === undefined || (Array.isArray(s.delivered) && s.delivered.every((p) => Array.isArray(p) && p.length === 2 && p.every((x) => typeof x === 'string')));
  if (typeof s !== 'object' || s === null || s.version !== CHECKPOINT_VERSION || typeof s.source !== 'string' || !cursorOk || !deliveredOk || typeof s.records !== 'number') {
    throw new CheckpointError(file, `not a kadet replay checkpoint (version ${CHECKPOINT_VERSION}); delete it to start over`);
  }
  return s as CheckpointState;
}

/** Writes the state atomically: a new temp file (random name, O_EXCL, 0600) in the same directory, then rename over FILE. */
export async function saveCheckpoint(file: string, state: CheckpointState): Promise<void> {
  const tmp = `${file}.${randomBytes(8).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    await rename(tmp, file);
  } catch (err) {
    // Only our own file is removed: an existing path at `tmp` (EEXIST) was not created here.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') await unlink(tmp).catch(() => undefined);
    throw new CheckpointError(file, `cannot write: ${(err as Error).message}`, { cause: err });
  }
}
