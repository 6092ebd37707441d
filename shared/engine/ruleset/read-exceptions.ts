import type { Node, YAMLMap } from 'yaml';
import type { ItemRef } from '../errors.ts';
import type { Entry, ExceptionInfo } from './items.ts';
import type { LoadLog } from './load-log.ts';
import { NodeOrigin } from './origin.ts';
import { isMap, isScalar, isSeq, type YamlReader } from './yaml-read.ts';

function readEntry(r: YamlReader, raw: unknown, item: ItemRef, what: string): Entry {
  const node = r.resolve(raw);
  const origin = new NodeOrigin(r.file, r.offsetOf(node), item);
  if (isScalar(node) && node.value !== null) {
    const text = r.scalarText(node);
    if (text === '') throw r.error(node, 'exception', `${what} must not be empty`, item);
    return { origin, item: text };
  }
  if (isSeq(node)) return { origin, items: node.items.map((x) => readEntry(r, x, item, what)) };
  throw r.error(node ?? raw, 'exception', `${what} must be a string or a list`, item);
}

/**
 * Reads a rule's `exceptions:` (absent or empty is fine). In append mode (`append: true` or an
 * override) an exception may omit `fields`, to add values to an earlier exception of that name.
 */
export function readExceptions(r: YamlReader, map: YAMLMap, item: ItemRef, appendMode: boolean, log: LoadLog): ExceptionInfo[] | undefined {
  if (!r.has(map, 'exceptions')) return undefined;
  const node = r.value(map, 'exceptions');
  if (r.isNull(node)) return [];
  if (!isSeq(node)) throw r.error(node, 'exception', 'exceptions must be a sequence', item);
  const out: ExceptionInfo[] = [];
  for (const raw of node.items) {
    const ex = r.resolve(raw);
    if (!isMap(ex)) throw r.error(ex ?? node, 'exception', 'each exception must be a mapping with name, fields, comps and values', item);
    const name = r.str(ex, 'name', item, true).value;
    if (out.some((e) => e.name === name)) throw r.error(ex, 'exception', `exception name '${name}' is used twice in this rule`, item);
    const origin = new NodeOrigin(r.file, r.offsetOf(ex), item);
    const info: ExceptionInfo = { name, origin, values: [] };
    const fields: Node | null = r.value(ex, 'fields');
    if (r.has(ex, 'fields')) info.fields = readEntry(r, fields, item, `fields of exception '${name}'`);
    else if (!appendMode) throw r.error(ex, 'exception', `exception '${name}' must have 'fields'`, item);
    if (r.has(ex, 'comps')) info.comps = readEntry(r, r.value(ex, 'comps'), item, `comps of exception '${name}'`);
    if (r.has(ex, 'values')) {
      const values = r.value(ex, 'values');
      if (!r.isNull(values)) {
        if (!isSeq(values)) throw r.error(values, 'exception', `values of exception '${name}' must be a sequence`, item);
        info.values = values.items.map((v) => readEntry(r, v, item, `a value of exception '${name}'`));
      }
    } else if (appendMode) {
      log.notice({ file: r.file, offset: r.offsetOf(ex) }, `exception '${name}' is appended or overridden without values`, item.name);
    }
    out.push(info);
  }
  return out;
}
