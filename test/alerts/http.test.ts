import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../shared/alerts/errors.ts';
import { classifyStatus, HttpClient, parseRetryAfter } from '../../shared/alerts/http.ts';
import { startServer } from './fixtures.ts';

describe('HTTP response classes', () => {
  it('treats 2xx as ok, 408/429/5xx as retryable and other codes as permanent', () => {
    expect([200, 204, 299].map(classifyStatus)).toEqual(['ok', 'ok', 'ok']);
    expect([408, 429, 500, 502, 503].map(classifyStatus)).toEqual(Array(5).fill('retryable'));
    expect([301, 400, 401, 403, 404, 410].map(classifyStatus)).toEqual(Array(6).fill('permanent'));
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('Wed, 21 Oct 2026 07:28:05 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(5000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('HttpClient', () => {
  const SECRET_PATH = '/services/T0/B0/s3cr3tT0ken';

  it('posts JSON with the configured headers', async () => {
    const server = await startServer((_q, res) => res.end('ok'));
    try {
      expect(await new HttpClient().postJson({ url: server.url + '/in', headers: { 'x-token': 'tkn' } }, { a: 1 })).toBe(200);
      expect(server.requests[0]).toMatchObject({ method: 'POST', url: '/in', body: '{"a":1}' });
      expect(server.requests[0]?.headers).toMatchObject({ 'content-type': 'application/json', 'x-token': 'tkn' });
      await new HttpClient().postJson({ url: server.url, headers: { 'Content-Type': 'text/plain' } }, {});
      expect(server.requests[1]?.headers['content-type']).toBe('application/json');
    } finally {
      await server.close();
    }
  });

  it('reports a 5xx as retryable with Retry-After, without the URL token', async () => {
    const server = await startServer((_q, res) => {
      res.writeHead(503, { 'retry-after': '2' });
      res.end(`overloaded at ${SECRET_PATH}`);
    });
    try {
      const err = await new HttpClient().postJson({ url: server.url + SECRET_PATH }, {}).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DeliveryError);
      expect(err).toMatchObject({ retryable: true, status: 503, retryAfterMs: 2000 });
      expect((err as Error).message).toBe(`POST ${server.url}/services/*** answered HTTP 503: overloaded at ***`);
    } finally {
      await server.close();
    }
  });

  it('scrubs a secret the receiver echoes across the end of the quoted body', async () => {
    const token = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const server = await startServer((_q, res) => res.writeHead(401).end(`${'y'.repeat(190)}Bearer ${token} rejected`));
    try {
      const err = await new HttpClient().postJson({ url: server.url, headers: { authorization: `Bearer ${token}` } }, {}).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DeliveryError);
      expect((err as Error).message).not.toMatch(/Bearer a/);
    } finally {
      await server.close();
    }
  });

  it('reports a 4xx as permanent', async () => {
    const server = await startServer((_q, res) => {
      res.statusCode = 404;
      res.end('no_service');
    });
    try {
      await expect(new HttpClient().postJson({ url: server.url + SECRET_PATH }, {})).rejects.toMatchObject({ retryable: false, status: 404 });
    } finally {
      await server.close();
    }
  });

  it('times out a receiver that never answers, as retryable', async () => {
    const server = await startServer(() => {});
    try {
      const err = await new HttpClient({ timeoutMs: 100 }).postJson({ url: server.url + SECRET_PATH }, {}).catch((e: unknown) => e);
      expect(err).toMatchObject({ retryable: true, message: `POST ${server.url}/services/*** failed: timed out after 100 ms` });
    } finally {
      await server.close();
    }
  });

  it('reports a refused connection as retryable', async () => {
    const server = await startServer();
    await server.close();
    const err = await new HttpClient().postJson({ url: server.url + SECRET_PATH }, {}).catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: true, message: `POST ${server.url}/services/*** failed: ECONNREFUSED` });
  });
});
