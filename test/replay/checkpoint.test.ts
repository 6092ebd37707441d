import { mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckpointError } from '../../shared/replay/errors.ts';
import { loadCheckpoint, saveCheckpoint } from '../../shared/replay/checkpoint.ts';
import { advance, isDone } from '../../shared/replay/cursor.ts';

const dir = mkdtempSync(join(tmpdir(), 'kadet-checkpoint-'));

describe('cursor', () => {
  it('advances to the newest time, keeping every id seen at exactly that time', () => {
    const c = advance(undefined, [
      { timeMs: 10, id: 'a' },
      { timeMs: 20, id: 'b' },
      { timeMs: 20, id: 'c' },
    ]);
    expect(c).toEqual({ timeMs: 20, ids: ['b', 'c'] });
    expect(advance(c, [{ timeMs: 20, id: 'd' }])).toEqual({ timeMs: 20, ids: ['b', 'c', 'd'] });
    expect(advance(c, [{ timeMs: 30, id: 'e' }])).toEqual({ timeMs: 30, ids: ['e'] });
  });

  it('is not moved back by an out-of-order record', () => {
    expect(advance({ timeMs: 20, ids: ['b'] }, [{ timeMs: 5, id: 'z' }])).toEqual({ timeMs: 20, ids: ['b'] });
  });

  it('counts as done what is before the cursor, and the listed ids at it', () => {
    const resume = { timeMs: 20, ids: ['b'] };
    expect(isDone(resume, { timeMs: 19, id: 'x' })).toBe(true);
    expect(isDone(resume, { timeMs: 20, id: 'b' })).toBe(true);
    expect(isDone(resume, { timeMs: 20, id: 'c' })).toBe(false);
    expect(isDone(resume, { timeMs: 21, id: 'b' })).toBe(false);
    expect(isDone(undefined, { timeMs: 0, id: 'b' })).toBe(false);
  });
});

describe('checkpoint file', () => {
  it('starts fresh when the file does not exist', async () => {
    expect(await loadCheckpoint(join(dir, 'missing.json'), 'aws:x')).toMatchObject({ version: 1, source: 'aws:x', records: 0 });
  });

  it('round-trips through an atomic write, leaving no temp file', async () => {
    const file = join(dir, 'cp.json');
    const state = { version: 1 as const, source: 'gcp:p', cursor: { timeMs: 5, ids: ['x'] }, delivered: [['slack', 'abc']] as [string, string][], records: 3, updatedAt: '2026-11-20T09:00:00.000Z' };
    await saveCheckpoint(file, state);
    expect(await loadCheckpoint(file, 'gcp:p')).toEqual(state);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(state);
  });

  it('writes through a fresh temp file of its own, owner-only: a symlink planted at a predictable name is not followed', async () => {
    const file = join(dir, 'planted.json');
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    symlinkSync(victim, `${file}.${process.pid}.tmp`);
    await saveCheckpoint(file, { version: 1, source: 'aws:x', records: 1, updatedAt: '' });
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await loadCheckpoint(file, 'aws:x')).records).toBe(1);
  });

  it('refuses a file of another replay, naming both', async () => {
    const file = join(dir, 'other.json');
    await saveCheckpoint(file, { version: 1, source: 'aws:eu-west-1:/aws/eks/a/cluster', records: 0, updatedAt: '' });
    await expect(loadCheckpoint(file, 'aws:eu-west-1:/aws/eks/b/cluster')).rejects.toThrow(
      `checkpoint: ${file}: belongs to another replay (aws:eu-west-1:/aws/eks/a/cluster), not aws:eu-west-1:/aws/eks/b/cluster: use another --checkpoint file`,
    );
  });

  it.each([
    ['{not json', /not JSON/],
    ['{"version":2,"source":"x","records":0}', /not a kadet replay checkpoint/],
    ['{"version":1,"source":"x","records":0,"cursor":{"timeMs":"soon","ids":[]}}', /not a kadet replay checkpoint/],
  ])('refuses a corrupt file (%s) with a CheckpointError', async (content, message) => {
    const file = join(dir, `bad-${Math.random()}.json`);
    writeFileSync(file, content);
    await expect(loadCheckpoint(file, 'x')).rejects.toThrow(CheckpointError);
    await expect(loadCheckpoint(file, 'x')).rejects.toThrow(message);
  });
});
