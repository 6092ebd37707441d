import { describe, expect, it } from 'vitest';
import { redactUrl, scrub } from '../../shared/alerts/redact.ts';
import { toAscii, truncateChars, truncateUtf8, utf8Bytes } from '../../shared/alerts/text.ts';

describe('redactUrl', () => {
  it('hides the token path of a Slack webhook', () => {
    expect(redactUrl('https://hooks.slack.com/services/T0001/B0002/XXXXsecretXXXX')).toBe('https://hooks.slack.com/services/***');
  });

  it('keeps a bare receiver URL whole, since it holds nothing secret', () => {
    expect(redactUrl('https://falcosidekick:2801/')).toBe('https://falcosidekick:2801/');
  });

  it('hides user info, query strings and token-like first segments', () => {
    expect(redactUrl('https://user:pw@example.com/hook?token=abc')).toBe('https://example.com/hook?***');
    expect(redactUrl('https://example.com/a1b2c3d4e5')).toBe('https://example.com/***');
  });

  it('shows nothing of a value that is not a URL', () => {
    expect(redactUrl('xoxb-not-a-url')).toBe('***');
  });
});

describe('scrub', () => {
  it('removes a secret in plain, URL-encoded and path-only forms', () => {
    const url = 'https://hooks.slack.com/services/T0/B0/sekrit';
    expect(scrub(`failed ${url} and ${encodeURIComponent(url)} and /services/T0/B0/sekrit`, [url])).toBe('failed *** and *** and ***');
  });

  it('removes a URL echoed with JSON-escaped slashes', () => {
    const url = 'https://hooks.slack.com/services/T0/B0/sekrit';
    expect(scrub(JSON.stringify({ url }).replaceAll('/', '\\/'), [url])).not.toContain('sekrit');
  });

  it('removes the credential of an Authorization value when it is echoed alone', () => {
    expect(scrub('token abcdefghijklmnop0123 is revoked', ['Bearer abcdefghijklmnop0123'])).toBe('token *** is revoked');
  });
});

describe('text limits', () => {
  it('truncates UTF-8 on a character boundary within the byte budget', () => {
    const s = 'aé€😀'.repeat(10);
    for (let max = 1; max < utf8Bytes(s); max++) {
      const t = truncateUtf8(s, max, '…');
      expect(utf8Bytes(t)).toBeLessThanOrEqual(Math.max(max, utf8Bytes('…')));
      expect(t).not.toContain('\uFFFD');
    }
    expect(truncateUtf8('abc', 3)).toBe('abc');
  });

  it('truncates by characters, not UTF-16 units', () => {
    expect(truncateChars('😀😀😀', 2, '…')).toBe('😀…');
    expect(truncateChars('😀😀', 2)).toBe('😀😀');
  });

  it('spells typographic characters in ASCII and drops the rest', () => {
    expect(toAscii('Café — “naïve” … ß ✓')).toBe('Cafe - "naive" ... ss');
  });
});
