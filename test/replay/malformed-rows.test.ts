import { describe, expect, it } from 'vitest';
import { emptyResult } from '../../shared/adapters/types.ts';
import type { FindingOutput } from '../../shared/replay/output.ts';
import { buildPage } from '../../shared/replay/page.ts';
import { replay } from '../../shared/replay/replay.ts';
import type { ProtoRoot } from '../../shared/replay/sources/gcp-audit-proto.ts';
import { decodeEntries } from '../../shared/replay/sources/gcp.ts';
import { keyedRows } from '../../shared/replay/sources/azure-rows.ts';
import type { ReplaySource } from '../../shared/replay/types.ts';

// A proto root that knows no type: decoding any protoPayload fails, as for an unregistered @type.
const noTypes = { lookupType: (name: string) => { throw new Error(`no such type: ${name}`); } } as unknown as ProtoRoot;

describe('malformed rows become counted rejects', () => {
  it('gcp: an undecodable entry is `logentry: …` and one without a timestamp is `timestamp: …`, the rest go on', () => {
    const good = { insertId: 'a', logName: 'projects/p/logs/x', timestamp: { seconds: 1_795_000_000, nanos: 0 } };
    const undecodable = { insertId: 'b', logName: 'projects/p/logs/x', timestamp: { seconds: 1_795_000_001 }, protoPayload: { type_url: 'type.googleapis.com/unknown.Type', value: new Uint8Array() } };
    const timeless = { insertId: 'c', logName: 'projects/p/logs/x' };
    const { entries, invalid } = decodeEntries([good, undecodable, timeless], noTypes, 'kadet-prod-4711');
    expect(entries.map((e) => e['insertId'])).toEqual(['a']);
    expect(invalid.map((r) => r.reason)).toEqual(['logentry: cannot decode the entry: no such type: unknown.Type', 'timestamp: the entry has no usable timestamp']);
    expect(invalid.map((r) => r.where)).toEqual([{ account: 'kadet-prod-4711', record: 1 }, { account: 'kadet-prod-4711', record: 2 }]);
  });

  it('azure: a row without a usable TimeGenerated is `timestamp: …`', () => {
    const { rows, invalid } = keyedRows([
      { TimeGenerated: new Date('2026-11-20T09:00:00Z'), ItemId: '1' },
      { TimeGenerated: new Date('garbage'), ItemId: '2', ResourceId: '/SUBSCRIPTIONS/X' },
      { TimeGenerated: null, ItemId: '3' },
    ]);
    expect(rows.map((r) => r['ItemId'])).toEqual(['1']);
    expect(invalid.map((r) => [r.reason, r.where])).toEqual([
      ['timestamp: the row has no usable TimeGenerated', { resourceId: '/SUBSCRIPTIONS/X', record: 1 }],
      ['timestamp: the row has no usable TimeGenerated', { record: 2 }],
    ]);
  });

  it('a resumed run counts them as rejected, not as already done, and they never move the cursor', async () => {
    const { invalid } = keyedRows([{ TimeGenerated: 'not a time', ItemId: 'x' }]);
    const source: ReplaySource = {
      cloud: 'azure',
      id: 'test',
      label: 'test',
      async *pages({ isDone }) {
        yield buildPage([{ t: 5, id: 'ok' }], (r) => ({ timeMs: r.t, id: r.id }), isDone, () => emptyResult(), 10, invalid);
      },
    };
    const output: FindingOutput = { process: async () => ({ findings: [], failures: [] }) };
    const report = await replay({ source, range: { startMs: 0, endMs: 10 }, output });
    expect(report.tally).toMatchObject({ fetched: 2, rejected: 1, alreadyDone: 0 });
    expect(report.tally.byReason.get('timestamp')).toBe(1);
    expect(report.cursor).toEqual({ timeMs: 5, ids: ['ok'] });
  });
});
