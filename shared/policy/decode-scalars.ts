import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { deref, report, type DecodeContext } from './decode-context.ts';

// Readers for the leaf types. A value of the wrong type is an error because the apiserver cannot
// decode it and refuses to start (even its lenient decoder fails on a type mismatch). A null
// leaves the Go zero value, which is what these return for it.

/** Reads a string; null is ''. Undefined after reporting a type error. */
export function readString(ctx: DecodeContext, raw: Node | null | undefined, path: string): string | undefined {
  const node = deref(ctx, raw);
  if (isNull(node)) return '';
  if (isScalar(node) && typeof node.value === 'string') return node.value;
  return wrongType(ctx, node, path, 'a string');
}

/** Reads a string, or after reporting a type error the scalar's source text, so later checks see what was written. */
export function readText(ctx: DecodeContext, raw: Node | null | undefined, path: string): string {
  const value = deref(ctx, raw);
  return readString(ctx, value, path) ?? (isScalar(value) ? String(value.source ?? value.value) : '');
}

/**
 * Reads a list of strings; null is []. An item of the wrong type is reported and kept as its
 * source text, so item indexes still line up with the file.
 */
export function readStrings(ctx: DecodeContext, raw: Node | null | undefined, path: string): string[] {
  const node = deref(ctx, raw);
  if (isNull(node)) return [];
  if (!isSeq(node)) {
    const hint = isScalar(node) ? `; write [${JSON.stringify(String(node.value))}]` : '';
    wrongType(ctx, node, path, `a list of strings${hint}`);
    return [];
  }
  const out: string[] = [];
  node.items.forEach((item, i) => {
    out.push(readText(ctx, item as Node | null, `${path}[${i}]`));
  });
  return out;
}

/** Reads a boolean; null is undefined (unset). */
export function readBool(ctx: DecodeContext, raw: Node | null | undefined, path: string): boolean | undefined {
  const node = deref(ctx, raw);
  if (isNull(node)) return undefined;
  if (isScalar(node) && typeof node.value === 'boolean') return node.value;
  wrongType(ctx, node, path, 'true or false');
  return undefined;
}

/** Checks for a mapping (or null) without looking inside: metadata is free-form. */
export function checkObject(ctx: DecodeContext, raw: Node | null | undefined, path: string): void {
  const node = deref(ctx, raw);
  if (!isNull(node) && !isMap(node)) wrongType(ctx, node, path, 'a mapping');
}

/** True for a missing value or an explicit null (`key:`, `~`, `null`). */
export function isNull(node: Node | null | undefined): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

function wrongType(ctx: DecodeContext, node: Node | null | undefined, path: string, expected: string): undefined {
  report(ctx, 'error', 'wrong-type', ctx.posOf(node), path, `${path} must be ${expected}, got ${describe(node)}; the apiserver cannot decode this and will not start`);
  return undefined;
}

// Plain scalars that YAML 1.1 (and so the apiserver) reads as booleans though they look like words.
const YAML11_BOOL_WORDS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

function describe(node: Node | null | undefined): string {
  if (isSeq(node)) return 'a list';
  if (isMap(node)) return 'a mapping';
  if (!isScalar(node)) return 'something else';
  const source = typeof node.source === 'string' ? node.source : String(node.value);
  if (typeof node.value === 'boolean' && YAML11_BOOL_WORDS.test(source)) {
    return `${source}, which YAML 1.1 (the apiserver's YAML reader) reads as the boolean ${String(node.value)}: quote it as "${source}"`;
  }
  if (typeof node.value === 'boolean' || typeof node.value === 'number') return `the ${typeof node.value} ${source}: quote it if it is a name`;
  return typeof node.value;
}
