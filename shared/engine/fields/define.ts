// Shorthands for field table entries. Every ka.* and jevt.* field is a string, as upstream declares.

import type { CanonicalEvent } from '../../event/types.ts';
import { asArray, own, ownPath, toText } from './own.ts';
import type { FieldDef, FieldValue } from './types.ts';

type Extract = FieldDef['extract'];

/** A single-valued string field. */
export function text(name: string, doc: string, extract: Extract): FieldDef {
  return { name, type: 'string', isList: false, doc, extract };
}

/** A string field that requires a free-text key argument: `ka.uri.param[command]`. */
export function keyed(name: string, doc: string, extract: Extract): FieldDef {
  return { name, type: 'string', isList: false, arg: { required: true, kind: 'key' }, doc, extract };
}

/** A list of strings; `indexable` lets `[n]` select one item, as upstream allows. */
export function list(name: string, doc: string, extract: Extract, indexable = false): FieldDef {
  return indexable
    ? { name, type: 'string', isList: true, arg: { required: false, kind: 'index' }, doc, extract }
    : { name, type: 'string', isList: true, doc, extract };
}

/** The audit event of a canonical event, as untrusted JSON. */
export function auditEvent(ev: CanonicalEvent): unknown {
  return own(ev, 'event');
}

/** A field that renders the value at a fixed path of the audit event (see `toText`). */
export function atPath(...keys: readonly string[]): Extract {
  return (ev) => toText(ownPath(auditEvent(ev), ...keys));
}

/** A list field reading the array at a fixed path; every element rendered with `toText`. */
export function arrayAtPath(...keys: readonly string[]): Extract {
  return (ev): FieldValue => {
    const items = asArray(ownPath(auditEvent(ev), ...keys));
    if (items === undefined) return undefined;
    const out: string[] = [];
    for (const item of items) {
      const t = toText(item);
      if (t !== undefined) out.push(t);
    }
    return out.length === 0 ? undefined : out;
  };
}
