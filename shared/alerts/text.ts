// Byte-exact text limits: SNS counts UTF-8 bytes, Slack counts characters; both must never be
// exceeded, and a cut must never split a character.

const encoder = new TextEncoder();

/** UTF-8 length of `s` in bytes. */
export function utf8Bytes(s: string): number {
  return encoder.encode(s).length;
}

/** Cuts `s` to at most `maxBytes` UTF-8 bytes including `marker`, on a character boundary. */
export function truncateUtf8(s: string, maxBytes: number, marker = '…'): string {
  const bytes = encoder.encode(s);
  if (bytes.length <= maxBytes) return s;
  let end = Math.max(0, maxBytes - utf8Bytes(marker));
  // Step back over continuation bytes (10xxxxxx) so the cut lands between characters.
  while (end > 0 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  return new TextDecoder().decode(bytes.subarray(0, end)) + marker;
}

/** Cuts `s` to at most `max` characters (code points) including `marker`. */
export function truncateChars(s: string, max: number, marker = '…'): string {
  const chars = [...s];
  if (chars.length <= max) return s;
  return chars.slice(0, Math.max(0, max - [...marker].length)).join('') + marker;
}

// Typographic characters people paste into rule names, with their plain ASCII spelling.
const ASCII_SPELLING = new Map<string, string>([
  ['\u2014', '-'], ['\u2013', '-'], ['\u2012', '-'], ['\u2011', '-'], ['\u2010', '-'], ['\u2212', '-'],
  ['\u2018', "'"], ['\u2019', "'"], ['\u201a', "'"], ['\u201c', '"'], ['\u201d', '"'], ['\u201e', '"'],
  ['\u2026', '...'], ['\u00a0', ' '], ['\u2022', '*'], ['\u00d7', 'x'], ['\u2192', '->'],
  ['\u00df', 'ss'], ['\u00e6', 'ae'], ['\u00c6', 'AE'], ['\u00f8', 'o'], ['\u00d8', 'O'], ['\u0142', 'l'], ['\u0141', 'L'],
]);

/**
 * Printable ASCII on one line: typographic punctuation spelled out, accents dropped (é → e),
 * anything else removed, whitespace runs collapsed. SNS rejects a Subject that is not this.
 */
export function toAscii(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFKD')) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x20 && code < 0x7f) out += ch;
    else if (ASCII_SPELLING.has(ch)) out += ASCII_SPELLING.get(ch);
    else if (/\s/u.test(ch)) out += ' ';
    // combining marks left by NFKD, control characters and other scripts are dropped
  }
  return out.replace(/ {2,}/g, ' ').trim();
}
