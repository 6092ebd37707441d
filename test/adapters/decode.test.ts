import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byteLimit, decodeBase64, gunzip, parseAuditJson, parseJson, toAuditEvent } from '../../shared/adapters/decode.ts';
import { makeReject, REJECT_REASON_LIMIT } from '../../shared/adapters/reject.ts';
import { DEFAULT_MAX_DECOMPRESSED_BYTES } from '../../shared/adapters/types.ts';
import { sampleEvent } from '../helpers/events.ts';

const N = 1000;
const bytes = (n: number): Buffer => Buffer.alloc(n, 0x61);

describe('decode helpers', () => {
  describe('byteLimit', () => {
    it('uses ctx.maxDecompressedBytes when it is a positive integer, else the default', () => {
      expect(byteLimit({ maxDecompressedBytes: N })).toBe(N);
      expect(byteLimit()).toBe(DEFAULT_MAX_DECOMPRESSED_BYTES);
      for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(byteLimit({ maxDecompressedBytes: bad })).toBe(DEFAULT_MAX_DECOMPRESSED_BYTES);
      }
    });
  });

  describe('decodeBase64', () => {
    it('decodes input of exactly the cap (N bytes) and refuses N+1 before decoding', () => {
      for (const n of [N - 2, N - 1, N]) expect(decodeBase64(bytes(n).toString('base64'), N)).toEqual({ ok: true, value: bytes(n) });
      const over = decodeBase64(bytes(N + 1).toString('base64'), N);
      expect(over).toEqual({ ok: false, stage: 'base64', reason: `base64: decodes to ${N + 1} bytes, over the ${N}-byte limit` });
    });

    it('rejects characters outside the alphabet, missing padding and embedded whitespace', () => {
      for (const bad of ['ab!d', 'abc', 'ab=d', 'YWJj\nZA==', 'YW Jj', '====', 'a===', '-_-_']) {
        const r = decodeBase64(bad, N);
        expect(r.ok).toBe(false);
        expect(!r.ok && r.stage).toBe('base64');
      }
    });

    it('accepts the empty string as zero bytes', () => {
      expect(decodeBase64('', N)).toEqual({ ok: true, value: Buffer.alloc(0) });
    });

    it('round-trips any bytes', () => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
          expect(decodeBase64(Buffer.from(b).toString('base64'), N)).toEqual({ ok: true, value: Buffer.from(b) });
        }),
      );
    });
  });

  describe('gunzip', () => {
    it('inflates output of exactly the cap (N bytes) and refuses N+1', () => {
      expect(gunzip(gzipSync(bytes(N)), N)).toEqual({ ok: true, value: bytes(N) });
      expect(gunzip(gzipSync(bytes(N + 1)), N)).toEqual({ ok: false, stage: 'gunzip', reason: `gunzip: output exceeds the ${N}-byte limit` });
    });

    it('turns a gzip bomb into a failure at the cap instead of inflating it', () => {
      const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024)); // ~64 KiB on the wire
      expect(bomb.length).toBeLessThan(100_000);
      const r = gunzip(bomb, 1024 * 1024);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.reason).toBe('gunzip: output exceeds the 1048576-byte limit');
    });

    it('names the stage for data that is not gzip or is truncated', () => {
      expect(gunzip(Buffer.from('plain text'), N)).toMatchObject({ ok: false, stage: 'gunzip' });
      expect(gunzip(gzipSync('x'.repeat(100)).subarray(0, 20), N)).toMatchObject({ ok: false, stage: 'gunzip' });
    });
  });

  describe('parseJson / toAuditEvent', () => {
    it('parses JSON text or bytes and reports the json stage otherwise', () => {
      expect(parseJson(Buffer.from('{"a":1}'))).toEqual({ ok: true, value: { a: 1 } });
      expect(parseJson('{"a":')).toMatchObject({ ok: false, stage: 'json', reason: expect.stringMatching(/^json: /) });
    });

    it('reports the event stage with the field path for JSON that is not an audit Event', () => {
      expect(parseAuditJson(JSON.stringify({ ...sampleEvent(), verb: 5 }))).toEqual({
        ok: false,
        stage: 'event',
        reason: 'event: verb: expected a string, got number 5',
      });
    });

    it('normalises a v1beta1 event without touching the caller object', () => {
      const legacy = { ...sampleEvent(), apiVersion: 'audit.k8s.io/v1beta1', timestamp: '2019-01-01T10:00:00Z' } as Record<string, unknown>;
      delete legacy.requestReceivedTimestamp;
      const before = structuredClone(legacy);
      const r = toAuditEvent(legacy);
      expect(r.ok && r.value.apiVersion).toBe('audit.k8s.io/v1');
      expect(r.ok && r.value.requestReceivedTimestamp).toBe('2019-01-01T10:00:00Z');
      expect(legacy).toEqual(before);
    });
  });
});

describe('reject reasons', () => {
  it('are capped, so a hostile key cannot blow up a log line or a dead-letter message', () => {
    const r = makeReject('logfile', {}, `event: annotations.${'k'.repeat(100_000)}: expected a string`, '{}');
    expect(r.reason).toHaveLength(REJECT_REASON_LIMIT);
    expect(r.reason.endsWith('…')).toBe(true);
  });
});
