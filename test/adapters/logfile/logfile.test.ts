import { tempFiles } from '../../helpers/cli.ts';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readAuditLogFile, type LogFileItem } from '../../../shared/adapters/logfile/index.ts';
import { sampleEvent } from '../../helpers/events.ts';

const { write } = tempFiles('kadet-logfile-');
const readAll = async (path: string): Promise<LogFileItem[]> => {
  const out: LogFileItem[] = [];
  for await (const item of readAuditLogFile(path)) out.push(item);
  return out;
};
const line = (patch: Record<string, unknown> = {}): string => JSON.stringify({ ...sampleEvent(), ...patch });

describe('logfile adapter', () => {
  it('reads JSON lines into events with file and line in the origin', async () => {
    const path = write('audit.log', `${line({ auditID: 'a' })}\n${line({ auditID: 'b' })}\n`);
    const items = await readAll(path);
    expect(items.map((i) => (i.kind === 'event' ? [i.event.event.auditID, i.event.origin] : i))).toEqual([
      ['a', { provider: 'file', file: path, line: 1 }],
      ['b', { provider: 'file', file: path, line: 2 }],
    ]);
  });

  it('gunzips transparently, recognising gzip by content rather than name', async () => {
    const path = write('audit-2026-11-20T09-00-00.log', gzipSync(`${line()}\n${line()}\n`));
    expect((await readAll(path)).filter((i) => i.kind === 'event')).toHaveLength(2);
  });

  it('rejects a malformed line with file:line and reason and still reads the good ones around it', async () => {
    const path = write('mixed.log', `${line({ auditID: 'ok-1' })}\n{"broken": \n${line({ auditID: 'ok-2' })}\n`);
    const items = await readAll(path);
    expect(items.map((i) => i.kind)).toEqual(['event', 'reject', 'event']);
    const rejected = items[1]!;
    if (rejected.kind !== 'reject') throw new Error('expected a reject');
    expect(rejected.reject.where).toEqual({ file: path, line: 2 });
    expect(rejected.reject.reason).toMatch(/^json: /);
    expect(rejected.reject.raw).toBe('{"broken": ');
  });

  it('rejects JSON that is not an audit event, naming the field', async () => {
    const path = write('wrong.log', `${line({ verb: 5 })}\n`);
    const [item] = await readAll(path);
    expect(item).toMatchObject({ kind: 'reject', reject: { adapter: 'logfile', reason: 'event: verb: expected a string, got number 5' } });
  });

  it('truncates the raw text of a huge bad record to 4 KiB', async () => {
    const path = write('huge.log', `{"x":"${'a'.repeat(10_000)}"\n`);
    const [item] = await readAll(path);
    expect(item?.kind === 'reject' && item.reject.raw.length).toBe(4096);
  });

  it('reports a corrupt gzip stream as one reject after the lines it could read', async () => {
    const gz = gzipSync(`${line()}\n`.repeat(50));
    const path = write('corrupt.log.gz', Buffer.concat([gz.subarray(0, gz.length - 12), Buffer.from('garbage-tail')]));
    const items = await readAll(path);
    const last = items.at(-1)!;
    expect(last.kind).toBe('reject');
    expect(last.kind === 'reject' && last.reject.reason).toMatch(/^read: failed after line \d+: /);
  });

  it('applies a caller-given origin (e.g. --cluster) to every event', async () => {
    const path = write('c.log', `${line()}\n`);
    const items: LogFileItem[] = [];
    for await (const i of readAuditLogFile(path, { origin: { cluster: 'prod-eks' } })) items.push(i);
    expect(items[0]?.kind === 'event' && items[0].event.origin.cluster).toBe('prod-eks');
  });
});
