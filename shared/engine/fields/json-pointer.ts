// RFC 6901 JSON Pointer over untrusted JSON (own properties only).

import { isRecord } from './own.ts';

const ARRAY_INDEX = /^(0|[1-9][0-9]*)$/;

/**
 * Splits a pointer into reference tokens, undoing `~1` (→ `/`) then `~0` (→ `~`).
 * `""` is the whole document. Like Falco's json plugin, a pointer without its leading `/` is
 * read as if it had one (`stage` = `/stage`). A `~` not followed by `0` or `1` makes the pointer
 * invalid (undefined), as RFC 6901 requires.
 */
export function parsePointer(pointer: string): readonly string[] | undefined {
  if (pointer === '') return [];
  const body = pointer.startsWith('/') ? pointer.slice(1) : pointer;
  const tokens: string[] = [];
  for (const raw of body.split('/')) {
    if (/~(?![01])/.test(raw)) return undefined;
    tokens.push(raw.replaceAll('~1', '/').replaceAll('~0', '~'));
  }
  return tokens;
}

/** Escapes one reference token (`~` → `~0`, `/` → `~1`). */
export function escapeToken(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * The value the tokens point at, or undefined when any step is missing. Objects are read through
 * own properties only; arrays accept canonical decimal indexes (`0`, `12`, never `01` or `-`).
 */
export function resolveTokens(doc: unknown, tokens: readonly string[]): unknown {
  let cur = doc;
  for (const token of tokens) {
    if (Array.isArray(cur)) {
      if (!ARRAY_INDEX.test(token)) return undefined;
      const index = Number(token);
      if (index >= cur.length) return undefined;
      cur = cur[index];
    } else if (isRecord(cur) && Object.hasOwn(cur, token)) {
      cur = cur[token];
    } else {
      return undefined;
    }
  }
  return cur;
}

const MAX_CACHED = 1024;
const parsed = new Map<string, readonly string[] | null>();

/** `resolveTokens(doc, parsePointer(pointer))`, with parsed pointers memoised (rules reuse a few). */
export function resolvePointer(doc: unknown, pointer: string): unknown {
  let tokens = parsed.get(pointer);
  if (tokens === undefined) {
    tokens = parsePointer(pointer) ?? null;
    if (parsed.size >= MAX_CACHED) parsed.clear();
    parsed.set(pointer, tokens);
  }
  return tokens === null ? undefined : resolveTokens(doc, tokens);
}
