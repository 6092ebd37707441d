// Secrets (webhook URLs carry their token in the path or query; headers carry credentials) must
// never reach an error message or a log line. Everything shown to people goes through here.

/** What stands in for a hidden part. */
export const HIDDEN = '***';

// A first path segment that reads like a word (`services`, `api`, `hooks`) is kept for orientation;
// anything with digits or of token length may be the secret itself.
const WORDLIKE = /^[A-Za-z][A-Za-z_-]{0,23}$/;

/** `https://hooks.slack.com/services/T0/B0/x` → `https://hooks.slack.com/services/***`; no userinfo, no query. */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return HIDDEN; // not a URL: it may be anything, show none of it
  }
  const segments = url.pathname.split('/').filter((s) => s !== '');
  let path = '/';
  if (segments.length > 0) {
    const first = segments[0] ?? '';
    path = WORDLIKE.test(first) ? `/${first}${segments.length > 1 ? `/${HIDDEN}` : ''}` : `/${HIDDEN}`;
  }
  const query = url.search !== '' || url.hash !== '' ? `?${HIDDEN}` : '';
  return `${url.protocol}//${url.host}${path}${query}`;
}

/** Replaces every occurrence of each secret (and its URL-encoded and path-only forms) in `text`. */
export function scrub(text: string, secrets: readonly string[]): string {
  const forms = new Set<string>();
  for (const s of secrets) {
    if (s.length < 4) continue; // too short to be a credential, and would mangle ordinary words
    forms.add(s);
    forms.add(encodeURIComponent(s));
    // JSON escapes `/` as `\/` when a receiver echoes a URL back.
    forms.add(s.replaceAll('/', '\\/'));
    // `Bearer <token>`: a receiver may echo just the credential after the scheme.
    const credential = /^[A-Za-z][\w-]*\s+(\S{8,})$/.exec(s)?.[1];
    if (credential !== undefined) forms.add(credential);
    try {
      const u = new URL(s);
      if (u.pathname.length > 1) forms.add(u.pathname + u.search);
      if (u.search.length > 1) forms.add(u.search.slice(1));
    } catch {
      // not a URL: the plain forms are enough
    }
  }
  let out = text;
  // Longest first, so a URL is replaced whole before its path would be.
  for (const f of [...forms].sort((a, b) => b.length - a.length)) out = out.split(f).join(HIDDEN);
  return out;
}
