import { PassThrough } from 'node:stream';
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { DRAIN_BYTES, readRequestBody } from '../../shared/webhook/read-body.ts';

const stream = (chunks: Buffer[]): IncomingMessage => {
  const s = new PassThrough();
  for (const c of chunks) s.write(c);
  s.end();
  return s as unknown as IncomingMessage;
};

describe('readRequestBody', () => {
  it('reads a body within the limit whole', async () => {
    expect(await readRequestBody(stream([Buffer.from('ab'), Buffer.from('cd')]), 4)).toEqual({ body: Buffer.from('abcd'), complete: true });
  });

  it('keeps only up to the chunk that crosses the limit, and drains the rest', async () => {
    const r = await readRequestBody(stream([Buffer.alloc(3), Buffer.alloc(3), Buffer.alloc(3), Buffer.alloc(3)]), 4);
    expect(r.body.length).toBe(6);
    expect(r.complete).toBe(true);
  });

  it('abandons a body that goes on past the drain allowance', async () => {
    const big = Buffer.alloc(1024 * 1024);
    const r = await readRequestBody(stream(Array.from({ length: DRAIN_BYTES / big.length + 2 }, () => big)), 10);
    expect(r.complete).toBe(false);
    expect(r.body.length).toBe(big.length);
  });
});
