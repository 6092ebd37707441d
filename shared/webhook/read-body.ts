import type { IncomingMessage } from 'node:http';

/** How much of an oversized body is still read (and discarded) so its 413 reaches the client. */
export const DRAIN_BYTES = 32 * 1024 * 1024;

/** A request body, and whether it was read to its end. */
export interface ReadBody {
  /** At most `maxBytes` plus one chunk: longer means over the limit, which the webhook answers with 413. */
  body: Buffer;
  /** False when an oversized body was abandoned midway: the connection must be closed after answering. */
  complete: boolean;
}

/**
 * Reads a request body, keeping no more than just over `maxBytes`, so the webhook answers 413 in its
 * usual order (after auth) without buffering a huge body. The rest is read and discarded up to
 * DRAIN_BYTES: closing a socket with unread data resets it, and the client could lose the 413 that
 * says what to change. Beyond that the body is abandoned and the caller closes the connection.
 */
export function readRequestBody(req: IncomingMessage, maxBytes: number): Promise<ReadBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (complete: boolean): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', reject);
      resolve({ body: Buffer.concat(chunks), complete });
    };
    const onData = (chunk: Buffer): void => {
      // Keep chunks until the limit is crossed; the crossing chunk is kept so the body reads as too large.
      if (size <= maxBytes) chunks.push(chunk);
      size += chunk.length;
      if (size > maxBytes + DRAIN_BYTES) done(false);
    };
    const onEnd = (): void => done(true);
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', reject);
  });
}
