import { describe, expect, it, vi } from 'vitest';
import { authorize, bearerToken, tokenMatches } from '../../shared/webhook/auth.ts';
import type * as Crypto from 'node:crypto';
import type { WebhookRequestError } from '../../shared/webhook/errors.ts';

// Watch the comparison: it must always compare two equal-length digests, never the tokens themselves.
const compared = vi.hoisted(() => [] as [number, number][]);
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof Crypto>();
  return {
    ...actual,
    timingSafeEqual: (a: NodeJS.ArrayBufferView, b: NodeJS.ArrayBufferView) => {
      compared.push([a.byteLength, b.byteLength]);
      return actual.timingSafeEqual(a, b);
    },
  };
});

const TOKEN = 'kadet-test-token-0123456789abcdef';

describe('webhook bearer auth', () => {
  it('compares in constant time on equal-length digests, whatever the lengths of the tokens', () => {
    compared.length = 0;
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(tokenMatches('short', TOKEN)).toBe(false);
    expect(tokenMatches(`${TOKEN}x`, TOKEN)).toBe(false);
    expect(tokenMatches('', TOKEN)).toBe(false);
    expect(compared).toEqual([
      [32, 32],
      [32, 32],
      [32, 32],
      [32, 32],
    ]);
  });

  it('reads "Bearer <token>" with any case of the scheme and nothing else', () => {
    expect(bearerToken(`Bearer ${TOKEN}`)).toBe(TOKEN);
    expect(bearerToken(`bearer  ${TOKEN} `)).toBe(TOKEN);
    expect(bearerToken(`Basic ${TOKEN}`)).toBeUndefined();
    expect(bearerToken(`Bearer ${TOKEN} extra`)).toBeUndefined();
    expect(bearerToken('Bearer')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });

  it('answers 401 with a challenge for a missing or wrong token, without echoing what was sent', () => {
    const attempt = (headers: Record<string, string | string[]>): WebhookRequestError => {
      try {
        authorize(headers, TOKEN);
      } catch (err) {
        return err as WebhookRequestError;
      }
      throw new Error('authorized');
    };
    const missing = attempt({});
    expect(missing).toMatchObject({ status: 401, reason: 'Unauthorized', headers: { 'www-authenticate': 'Bearer realm="kadet"' } });
    expect(missing.message).toMatch(/missing "Authorization: Bearer <token>"/);
    const wrong = attempt({ Authorization: 'Bearer wrong-token-that-is-long-enough' });
    expect(wrong.message).toBe('the bearer token is not valid');
    expect(wrong.message).not.toContain('wrong-token');
    // A repeated header is joined, so it can never match.
    expect(attempt({ authorization: [`Bearer ${TOKEN}`, `Bearer ${TOKEN}`] }).status).toBe(401);
  });

  it('lets the right token through, and everything through when no token is configured', () => {
    expect(() => authorize({ AUTHORIZATION: `Bearer ${TOKEN}` }, TOKEN)).not.toThrow();
    expect(() => authorize({}, undefined)).not.toThrow();
  });
});
