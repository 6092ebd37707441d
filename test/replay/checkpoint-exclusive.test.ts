import type * as Crypto from 'node:crypto';
import { lstatSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { saveCheckpoint } from '../../shared/replay/checkpoint.ts';
import { CheckpointError } from '../../shared/replay/errors.ts';

// The temp name is random; fixing it here lets the test plant a symlink exactly where the write goes.
vi.mock('node:crypto', async (importOriginal) => ({ ...(await importOriginal<typeof Crypto>()), randomBytes: () => Buffer.from('0011223344556677', 'hex') }));

describe('checkpoint temp file', () => {
  it('is created exclusively: an existing path (a symlink) at its name fails the save, and its target is untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kadet-checkpoint-excl-'));
    const file = join(dir, 'cp.json');
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'keep me');
    symlinkSync(victim, `${file}.0011223344556677.tmp`);
    await expect(saveCheckpoint(file, { version: 1, source: 'aws:x', records: 1, updatedAt: '' })).rejects.toThrow(CheckpointError);
    expect(readFileSync(victim, 'utf8')).toBe('keep me');
    expect(lstatSync(`${file}.0011223344556677.tmp`).isSymbolicLink()).toBe(true);
  });
});
