import { describe, expect, it } from 'vitest';
import { Dedup, DEDUP_CAPACITY } from '../../shared/alerts/dedup.ts';
import { findings, sampleFinding } from './fixtures.ts';

const ids = (fs: { kadet: { id: string } }[]) => fs.map((f) => f.kadet.id);

describe('Dedup', () => {
  it('defaults to a bound of 10k ids', () => {
    expect(new Dedup().capacity).toBe(DEDUP_CAPACITY);
    expect(DEDUP_CAPACITY).toBe(10_000);
  });

  it('lets through only findings not yet remembered, each id once', () => {
    const d = new Dedup(10);
    const batch = [...findings(3), sampleFinding({}, 'f1')];
    expect(ids(d.filterNew(batch))).toEqual(['f0', 'f1', 'f2']);
    d.remember(findings(2));
    expect(ids(d.filterNew(findings(3)))).toEqual(['f2']);
  });

  it('remembers nothing until told, so a failed delivery is retried', () => {
    const d = new Dedup(10);
    d.filterNew(findings(3));
    expect(d.filterNew(findings(3))).toHaveLength(3);
  });

  it('holds exactly N ids at capacity N', () => {
    const d = new Dedup(5);
    d.remember(findings(5));
    expect(d.size).toBe(5);
    expect(d.filterNew(findings(5))).toEqual([]);
  });

  it('evicts the least recently used id at N+1', () => {
    const d = new Dedup(5);
    d.remember(findings(5));
    d.filterNew([sampleFinding({}, 'f0')]); // a hit makes f0 recent, so f1 is now the oldest
    d.remember([sampleFinding({}, 'new')]);
    expect(d.size).toBe(5);
    expect(ids(d.filterNew(findings(5)))).toEqual(['f1']);
  });

  it('keeps scopes apart', () => {
    const d = new Dedup(10);
    d.remember(findings(1), 'slack');
    expect(d.filterNew(findings(1), 'slack')).toEqual([]);
    expect(d.filterNew(findings(1), 'sns')).toHaveLength(1);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new Dedup(0)).toThrow(RangeError);
  });
});
