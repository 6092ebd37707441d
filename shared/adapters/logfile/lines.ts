import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** The longest line kept (a record or a minified export); longer ones are reported, not buffered without bound. */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

export type LineItem =
  | { kind: 'line'; line: number; text: string }
  | { kind: 'oversized'; line: number; bytes: number; head: string };

const NEWLINE = 0x0a;
const GZIP_MAGIC = [0x1f, 0x8b] as const;

/** Opens a file (or stdin for `-`) as a byte stream, gunzipping when the content starts with gzip's magic. */
export async function* openBytes(path: string): AsyncGenerator<Buffer> {
  const source: AsyncIterable<Buffer> = path === '-' ? process.stdin : createReadStream(path, { highWaterMark: 1 << 20 });
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) return;
  const head: Buffer = first.value;
  // Sniff the content, not the name: rotated logs are often gzipped without a .gz suffix.
  if (head[0] !== GZIP_MAGIC[0] || head[1] !== GZIP_MAGIC[1]) {
    yield head;
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) yield r.value;
    return;
  }
  const rest = async function* (): AsyncGenerator<Buffer> {
    yield head;
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) yield r.value;
  };
  yield* Readable.from(rest()).pipe(createGunzip({ chunkSize: 1 << 20 }));
}

/** Splits a byte stream into numbered UTF-8 lines without holding more than one line in memory. */
export async function* splitLines(chunks: AsyncIterable<Buffer>, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<LineItem> {
  for await (const batch of splitLineBatches(chunks, maxLineBytes)) yield* batch;
}

/**
 * The same lines, one array per input chunk: an async step per line costs more than parsing a short
 * line, so the hot path takes lines a chunk (~1 MiB) at a time.
 */
export async function* splitLineBatches(chunks: AsyncIterable<Buffer>, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<LineItem[]> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let lineNo = 0;
  let skipping = 0; // bytes of an oversized line being discarded
  let skippingHead = '';
  for await (const chunk of chunks) {
    const batch: LineItem[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(NEWLINE, start); nl !== -1; nl = chunk.indexOf(NEWLINE, start)) {
      lineNo++;
      if (skipping > 0) {
        batch.push({ kind: 'oversized', line: lineNo, bytes: skipping + (nl - start), head: skippingHead });
        skipping = 0;
      } else if (pendingBytes + (nl - start) > maxLineBytes) {
        batch.push({ kind: 'oversized', line: lineNo, bytes: pendingBytes + (nl - start), head: headOf(pending, chunk.subarray(start, nl)) });
      } else if (pendingBytes === 0) {
        batch.push({ kind: 'line', line: lineNo, text: chunk.toString('utf8', start, nl) });
      } else {
        pending.push(chunk.subarray(start, nl));
        batch.push({ kind: 'line', line: lineNo, text: Buffer.concat(pending).toString('utf8') });
      }
      pending = [];
      pendingBytes = 0;
      start = nl + 1;
    }
    if (start < chunk.length) {
      const tail = chunk.subarray(start);
      if (skipping > 0) skipping += tail.length;
      else if (pendingBytes + tail.length > maxLineBytes) {
        skippingHead = headOf(pending, tail);
        skipping = pendingBytes + tail.length;
        pending = [];
        pendingBytes = 0;
      } else {
        // Copy: the stream may reuse the chunk's memory once we yield control.
        pending.push(Buffer.from(tail));
        pendingBytes += tail.length;
      }
    }
    if (batch.length > 0) yield batch;
  }
  if (skipping > 0) yield [{ kind: 'oversized', line: lineNo + 1, bytes: skipping, head: skippingHead }];
  else if (pendingBytes > 0) yield [{ kind: 'line', line: lineNo + 1, text: Buffer.concat(pending).toString('utf8') }];
}

function headOf(pending: Buffer[], tail: Buffer): string {
  return Buffer.concat([...pending, tail]).subarray(0, 256).toString('utf8');
}
