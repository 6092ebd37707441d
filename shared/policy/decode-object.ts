import { isMap, isScalar, type Node, type Pair } from 'yaml';
import { deref, joinPath, report, type DecodeContext } from './decode-context.ts';
import { isNull } from './decode-scalars.ts';
import { FIELDS, FILTER_FIELDS, OBJECT_NAMES, type ObjectKind } from './schema.ts';
import { describeSuggestion, suggestKey } from './suggest.ts';
import type { Pos, Spans } from './types.ts';

/** The known keys of one mapping with their value nodes, and where everything is. */
export interface ObjectFields {
  spans: Spans & { keys: Record<string, Pos>; values: Record<string, Pos> };
  fields: Map<string, Node | null>;
}

/**
 * Splits a mapping into known fields and reports the rest. An unknown key is an error although
 * the apiserver only logs it (strict decoding fails, it falls back to lenient decoding and drops
 * the key): the rule then means something else than it says, e.g. `resource:` leaves it
 * matching every resource. A repeated key is a warning; the later one wins, as in the apiserver.
 */
export function readObject(ctx: DecodeContext, raw: Node | null | undefined, kind: ObjectKind, path: string): ObjectFields | undefined {
  const node = deref(ctx, raw);
  const pos = ctx.posOf(node);
  if (!isMap(node)) {
    const message = `${path} must be ${OBJECT_NAMES[kind]} (a mapping); the apiserver cannot decode this and will not start`;
    if (!isNull(node)) report(ctx, 'error', 'wrong-type', pos, path, message);
    return undefined;
  }
  const out: ObjectFields = { spans: { pos, keys: {}, values: {} }, fields: new Map() };
  for (const pair of node.items as Pair<Node | null, Node | null>[]) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    const keyPos = ctx.posOf(pair.key);
    if (typeof key !== 'string') {
      report(ctx, 'error', 'wrong-type', keyPos, path, `keys of ${OBJECT_NAMES[kind]} must be strings`);
      continue;
    }
    const keyPath = joinPath(path, key);
    if (!Object.hasOwn(FIELDS[kind], key)) {
      unknownKey(ctx, kind, key, keyPos, keyPath, out);
      continue;
    }
    if (out.fields.has(key)) report(ctx, 'warning', 'duplicate-key', keyPos, keyPath, `"${key}" appears twice in ${OBJECT_NAMES[kind]}; the later value wins`);
    out.fields.set(key, pair.value);
    out.spans.keys[key] = keyPos;
    // `key:` with nothing after it has no value node worth pointing at: point at the key.
    out.spans.values[key] = isNull(pair.value) ? keyPos : ctx.posOf(pair.value);
  }
  return out;
}

function unknownKey(ctx: DecodeContext, kind: ObjectKind, key: string, pos: Pos, path: string, obj: ObjectFields): void {
  const suggestion = suggestKey(key, kind);
  let message = `unknown field "${key}" in ${OBJECT_NAMES[kind]}`;
  if (suggestion !== undefined) message += ` (${describeSuggestion(suggestion)})`;
  message += ': the apiserver ignores unknown fields';
  const intended = suggestion?.elsewhere === undefined ? suggestion?.key : undefined;
  if (kind === 'rule' && intended !== undefined && FILTER_FIELDS.has(intended) && !obj.fields.has(intended)) {
    message += `, so this rule is not restricted by ${intended} and matches more than intended`;
  }
  report(ctx, 'error', 'unknown-field', pos, path, message);
}
