import type { Node, YAMLMap } from 'yaml';
import type { ItemRef } from '../errors.ts';
import { parsePriority, type Priority } from '../priority.ts';
import type { Collector } from './collector.ts';
import type { ItemAt, RuleInfo, RuleUpdate } from './items.ts';
import type { LoadLog } from './load-log.ts';
import { ScalarOrigin, type TextPiece } from './origin.ts';
import { readExceptions } from './read-exceptions.ts';
import { isMap, isScalar, type Text, type YamlReader } from './yaml-read.ts';

export const KADET_SOURCE = 'k8s_audit';

// Falco's rule keys (rule_loader_reader.cpp); anything else is an extension kept in `extra`.
const FALCO_KEYS = new Set(['rule', 'condition', 'output', 'desc', 'priority', 'source', 'enabled', 'tags', 'exceptions', 'append', 'override', 'warn_evttypes', 'skip-if-unknown-filter', 'capture', 'capture_duration']);
const APPENDABLE = new Set(['condition', 'output', 'desc', 'tags', 'exceptions']);
const REPLACEABLE = new Set(['condition', 'output', 'desc', 'priority', 'tags', 'exceptions', 'enabled', 'warn_evttypes', 'skip-if-unknown-filter']);

/** `override: {key: append|replace}` checked against what each key allows. */
export function readOverrides(r: YamlReader, map: YAMLMap, appendable: Set<string>, replaceable: Set<string>, item: ItemRef): { append: Set<string>; replace: Set<string> } {
  const out = { append: new Set<string>(), replace: new Set<string>() };
  if (!r.has(map, 'override')) return out;
  const node = r.value(map, 'override');
  if (!isMap(node)) throw r.error(node ?? map, 'override', "'override' must be a mapping of key: append|replace", item);
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const opNode = r.resolve(pair.value);
    const op = isScalar(opNode) ? String(opNode.value) : '';
    if (op === 'append' && appendable.has(key)) out.append.add(key);
    else if (op === 'replace' && replaceable.has(key)) out.replace.add(key);
    else if (op === 'append' && replaceable.has(key)) throw r.error(pair.key, 'override', `key '${key}' cannot be appended to, use 'replace' instead`, item);
    else if (op === 'append' || op === 'replace') throw r.error(pair.key, 'override', `key '${key}' cannot be ${op === 'append' ? 'appended to' : 'replaced'}`, item);
    else {
      const allowed = [appendable.has(key) ? 'append' : '', replaceable.has(key) ? 'replace' : ''].filter(Boolean).join(' or ');
      throw r.error(opNode ?? pair.key, 'override', `invalid override operation '${op}' for key '${key}'${allowed ? `: use ${allowed}` : ''}`, item);
    }
  }
  return out;
}

/** A condition/output scalar as an origin-carrying piece; outputs are trimmed as Falco does. */
export function piece(r: YamlReader, t: Text, item: ItemRef, trim: boolean): TextPiece {
  const lead = trim ? t.value.length - t.value.trimStart().length : 0;
  const text = trim ? t.value.trim() : t.value;
  return { text, origin: new ScalarOrigin(r.file, t.node, t.value, lead, item) };
}

function priorityOf(r: YamlReader, t: Text, item: ItemRef): Priority {
  const p = parsePriority(t.value);
  if (!p) throw r.error(t.node, 'bad-value', `invalid priority '${t.value}': use emergency, alert, critical, error, warning, notice, informational or debug`, item);
  return p;
}

function extraKeys(r: YamlReader, map: YAMLMap): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  for (const pair of map.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (!FALCO_KEYS.has(key)) extra[key] = r.toJS(r.resolve(pair.value as Node | null));
  }
  return extra;
}

function readUpdate(r: YamlReader, map: YAMLMap, name: string, at: ItemAt, keys: Set<string>, log: LoadLog): RuleUpdate {
  const item: ItemRef = { kind: 'rule', name };
  const u: RuleUpdate = { name, at, extra: extraKeys(r, map) };
  if (keys.has('condition')) u.cond = piece(r, r.str(map, 'condition', item, true), item, false);
  if (keys.has('output')) u.output = piece(r, r.str(map, 'output', item, true), item, true);
  if (keys.has('desc')) u.desc = r.str(map, 'desc', item, true).value.trim();
  if (keys.has('tags')) u.tags = (r.strSeq(map, 'tags', item, true) ?? []).map((t) => t.value);
  if (keys.has('exceptions')) u.exceptions = readExceptions(r, map, item, true, log) ?? [];
  if (keys.has('priority')) u.priority = priorityOf(r, r.str(map, 'priority', item, true), item);
  if (keys.has('enabled')) u.enabled = r.bool(map, 'enabled', item);
  if (keys.has('skip-if-unknown-filter')) u.skipIfUnknownFilter = r.bool(map, 'skip-if-unknown-filter', item);
  return u;
}

/** Reads one `- rule:` item: a definition, an enable toggle, `append: true`, or `override:`. */
export function readRule(r: YamlReader, map: YAMLMap, col: Collector, log: LoadLog): void {
  const name = r.str(map, 'rule', undefined, true).value;
  const item: ItemRef = { kind: 'rule', name };
  const at: ItemAt = { file: r.file, offset: r.offsetOf(map) };
  const append = r.bool(map, 'append', item) ?? false;
  const ov = readOverrides(r, map, APPENDABLE, REPLACEABLE, item);
  const hasOverride = ov.append.size > 0 || ov.replace.size > 0;
  if (append && hasOverride) throw r.error(map, 'override', "'append' and 'override' cannot be used together", item);
  if (hasOverride) {
    for (const key of [...ov.append, ...ov.replace]) {
      if (!r.has(map, key)) throw r.error(map, 'override', `an override for '${key}' was given but '${key}' is not defined`, item);
    }
    for (const key of r.keys(map)) {
      if ((APPENDABLE.has(key) || REPLACEABLE.has(key)) && !ov.append.has(key) && !ov.replace.has(key)) {
        throw r.error(r.pair(map, key)?.key, 'override', `unexpected key '${key}': no entry for it under 'override'`, item);
      }
    }
    if (ov.append.size > 0) col.appendRule(readUpdate(r, map, name, at, ov.append, log));
    if (ov.replace.size > 0) col.replaceRule(readUpdate(r, map, name, at, ov.replace, log));
    return;
  }
  if (append) {
    log.notice(at, "'append: true' is deprecated in Falco; use 'override: {condition: append}'", name);
    const keys = new Set(['condition', 'exceptions'].filter((k) => r.has(map, k)));
    col.appendRule(readUpdate(r, map, name, at, keys, log));
    return;
  }
  if (!['condition', 'output', 'desc', 'priority'].some((k) => r.has(map, k))) {
    const enabled = r.bool(map, 'enabled', item);
    if (enabled === undefined) throw r.error(map, 'missing-key', "rule has neither a definition (condition, output, desc, priority) nor 'enabled'", item);
    col.enableRule(name, enabled, at);
    return;
  }
  const info: RuleInfo = {
    name,
    at,
    cond: [piece(r, r.str(map, 'condition', item, true), item, false)],
    output: [piece(r, r.str(map, 'output', item, true), item, true)],
    // Folded `desc: >` ends with a newline nobody wants in a listing.
    desc: r.str(map, 'desc', item, true).value.trim(),
    priority: priorityOf(r, r.str(map, 'priority', item, true), item),
    // Falco's default source is syscall: a k8s rule must say `source: k8s_audit`.
    source: r.str(map, 'source', item, false)?.value ?? 'syscall',
    enabled: r.bool(map, 'enabled', item) ?? true,
    tags: (r.strSeq(map, 'tags', item, false) ?? []).map((t) => t.value),
    exceptions: readExceptions(r, map, item, false, log) ?? [],
    extra: extraKeys(r, map),
    skipIfUnknownFilter: r.bool(map, 'skip-if-unknown-filter', item) ?? false,
    skipped: false,
  };
  if (info.source !== KADET_SOURCE) {
    info.skipped = true;
    const why = r.has(map, 'source') ? `source '${info.source}'` : "no 'source' (Falco's default is syscall)";
    log.notice(at, `rule skipped: ${why}; kadet evaluates source '${KADET_SOURCE}' only`, name);
  }
  col.defineRule(info);
}
