// Query parameters of a request URI, decoded like Go's url.ParseQuery (`+` is a space, %XX a byte).

const utf8 = new TextDecoder('utf-8');
const BAD_ESCAPE = /%(?![0-9a-fA-F]{2})/;
const ESCAPE_RUN = /(?:%[0-9a-fA-F]{2})+/g;

/** Decodes one query component; undefined when it holds a malformed `%` escape. */
export function unescapeQueryComponent(text: string): string | undefined {
  if (BAD_ESCAPE.test(text)) return undefined;
  const spaced = text.replaceAll('+', ' ');
  if (!spaced.includes('%')) return spaced;
  return spaced.replace(ESCAPE_RUN, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    return utf8.decode(bytes);
  });
}

/**
 * The first value of query parameter `key` in `uri` (decoded), or undefined. Pairs that Go
 * would reject (a `;` in the pair, a malformed escape) are skipped one by one, so a junk
 * parameter cannot hide the others; Falco's plugin instead drops the whole field.
 */
export function queryParam(uri: string, key: string): string | undefined {
  const q = uri.indexOf('?');
  if (q === -1) return undefined;
  const hash = uri.indexOf('#', q);
  const query = uri.slice(q + 1, hash === -1 ? undefined : hash);
  for (const pair of query.split('&')) {
    if (pair === '' || pair.includes(';')) continue;
    const eq = pair.indexOf('=');
    const name = unescapeQueryComponent(eq === -1 ? pair : pair.slice(0, eq));
    if (name !== key) continue;
    const value = unescapeQueryComponent(eq === -1 ? '' : pair.slice(eq + 1));
    if (value !== undefined) return value;
  }
  return undefined;
}
