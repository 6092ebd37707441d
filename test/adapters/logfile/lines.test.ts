import { describe, expect, it } from 'vitest';
import { splitLines, type LineItem } from '../../../shared/adapters/logfile/lines.ts';

async function* chunksOf(...parts: string[]): AsyncGenerator<Buffer> {
  for (const p of parts) yield Buffer.from(p);
}

const collect = async (it: AsyncIterable<LineItem>): Promise<LineItem[]> => {
  const out: LineItem[] = [];
  for await (const x of it) out.push(x);
  return out;
};

describe('splitLines', () => {
  it('numbers lines from 1 and keeps a final line without a newline', async () => {
    expect(await collect(splitLines(chunksOf('a\nb\nc')))).toEqual([
      { kind: 'line', line: 1, text: 'a' },
      { kind: 'line', line: 2, text: 'b' },
      { kind: 'line', line: 3, text: 'c' },
    ]);
  });

  it('joins a line split across chunks, including inside a multi-byte character', async () => {
    const euro = Buffer.from('€');
    async function* parts(): AsyncGenerator<Buffer> {
      yield Buffer.concat([Buffer.from('{"x":"'), euro.subarray(0, 1)]);
      yield Buffer.concat([euro.subarray(1), Buffer.from('"}\nnext\n')]);
    }
    expect(await collect(splitLines(parts()))).toEqual([
      { kind: 'line', line: 1, text: '{"x":"€"}' },
      { kind: 'line', line: 2, text: 'next' },
    ]);
  });

  it('reports a line over the limit without buffering it and goes on with the next', async () => {
    const items = await collect(splitLines(chunksOf('short\n', 'x'.repeat(10), 'y'.repeat(10), '\nafter\n'), 15));
    expect(items).toEqual([
      { kind: 'line', line: 1, text: 'short' },
      { kind: 'oversized', line: 2, bytes: 20, head: 'x'.repeat(10) + 'y'.repeat(10) },
      { kind: 'line', line: 3, text: 'after' },
    ]);
  });

  it('accepts a line of exactly the limit and reports one byte more', async () => {
    const items = await collect(splitLines(chunksOf('12345\n123456\n'), 5));
    expect(items.map((i) => i.kind)).toEqual(['line', 'oversized']);
  });

  it('keeps empty lines numbered so later line numbers stay true', async () => {
    const items = await collect(splitLines(chunksOf('a\n\nb\n')));
    expect(items.map((i) => i.line)).toEqual([1, 2, 3]);
  });
});
