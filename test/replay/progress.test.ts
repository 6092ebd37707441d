import { describe, expect, it } from 'vitest';
import { createProgress, progressLine } from '../../shared/replay/progress.ts';

const range = { startMs: Date.parse('2026-11-20T00:00:00Z'), endMs: Date.parse('2026-11-21T00:00:00Z') };

describe('replay progress', () => {
  it('prints plain lines, at most one per interval, when stderr is not a terminal', async () => {
    let now = 0;
    const lines: string[] = [];
    const p = await createProgress({ label: 'aws /aws/eks/prod/cluster', range, tty: false, write: (t) => lines.push(t), intervalMs: 10_000, now: () => now });
    expect(lines).toEqual(['replay aws /aws/eks/prod/cluster: reading 2026-11-20T00:00:00.000Z → 2026-11-21T00:00:00.000Z\n']);
    now = 4000;
    p.update({ fetched: 1000, coveredUntilMs: range.startMs + 3_600_000 });
    expect(lines).toHaveLength(1);
    now = 10_000;
    p.update({ fetched: 5000, coveredUntilMs: range.startMs + 6 * 3_600_000 });
    expect(lines[1]).toBe('replay aws /aws/eks/prod/cluster: 5,000 events (500/s), covered 2026-11-20T00:00:00.000Z → 2026-11-20T06:00:00.000Z (25%)\n');
    now = 12_000;
    p.update({ fetched: 6000, coveredUntilMs: range.endMs });
    expect(lines).toHaveLength(2);
    p.stop();
    expect(lines[2]).toBe('replay aws /aws/eks/prod/cluster: 6,000 events (500/s), covered 2026-11-20T00:00:00.000Z → 2026-11-21T00:00:00.000Z (100%)\n');
  });

  it('keeps the covered time inside the range', () => {
    expect(progressLine('x', range, { fetched: 0, coveredUntilMs: range.endMs + 999_999 }, 0)).toContain('→ 2026-11-21T00:00:00.000Z (100%)');
  });

  it('draws a cli-progress bar on a terminal stream', async () => {
    let written = '';
    const stream = Object.assign(new (await import('node:stream')).Writable({ write: (c, _e, cb) => ((written += String(c)), cb()) }), { isTTY: true, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
    const p = await createProgress({ label: 'gcp project p', range, tty: true, write: () => undefined, stream });
    p.update({ fetched: 42, coveredUntilMs: range.startMs + 12 * 3_600_000 });
    p.stop();
    expect(written).toContain('replay gcp project p [');
    expect(written).toContain('50% | 42 events');
  });
});
