import { parseAllDocuments, type YAMLMap } from 'yaml';
import { RuleLoadError, type ItemRef } from '../errors.ts';
import type { RuleFileSource } from '../types.ts';
import type { Collector } from './collector.ts';
import type { ItemAt } from './items.ts';
import { errorAt, type LoadLog } from './load-log.ts';
import { piece, readOverrides, readRule } from './read-rule.ts';
import { SourceFile } from './source-file.ts';
import { isMap, isScalar, isSeq, YamlReader } from './yaml-read.ts';

const LIST_NAME = /^[^()"'\s=,]+$/;
const MACRO_NAME = /^[a-zA-Z]+[a-zA-Z0-9_]*$/;
const SEMVER = /^[0-9]+\.[0-9]+\.[0-9]+(?:[-+][0-9A-Za-z.-]+)?$/;
const ONLY_ITEMS = new Set(['items']);
const ONLY_CONDITION = new Set(['condition']);

function readList(r: YamlReader, map: YAMLMap, col: Collector, log: LoadLog): void {
  const name = r.str(map, 'list', undefined, true);
  const item: ItemRef = { kind: 'list', name: name.value };
  if (!LIST_NAME.test(name.value)) throw r.error(name.node, 'bad-value', 'a list name cannot contain blanks, quotes, parentheses, commas or =', item);
  const at: ItemAt = { file: r.file, offset: r.offsetOf(map) };
  const items = (r.strSeq(map, 'items', item, true) ?? []).map((t) => t.value);
  const append = r.bool(map, 'append', item) ?? false;
  const ov = readOverrides(r, map, ONLY_ITEMS, ONLY_ITEMS, item);
  if (append && (ov.append.size > 0 || ov.replace.size > 0)) throw r.error(map, 'override', "'append' and 'override' cannot be used together", item);
  if (append) log.notice(at, "'append: true' is deprecated in Falco; use 'override: {items: append}'");
  if (append || ov.append.has('items')) col.appendList(name.value, items, at);
  else col.defineList({ name: name.value, items, at });
}

function readMacro(r: YamlReader, map: YAMLMap, col: Collector, log: LoadLog): void {
  const name = r.str(map, 'macro', undefined, true);
  const item: ItemRef = { kind: 'macro', name: name.value };
  if (!MACRO_NAME.test(name.value)) throw r.error(name.node, 'bad-value', 'a macro name is letters, then letters, digits or _', item);
  const at: ItemAt = { file: r.file, offset: r.offsetOf(map) };
  const cond = piece(r, r.str(map, 'condition', item, true), item, false);
  const append = r.bool(map, 'append', item) ?? false;
  const ov = readOverrides(r, map, ONLY_CONDITION, ONLY_CONDITION, item);
  if (append && (ov.append.size > 0 || ov.replace.size > 0)) throw r.error(map, 'override', "'append' and 'override' cannot be used together", item);
  if (append) log.notice(at, "'append: true' is deprecated in Falco; use 'override: {condition: append}'");
  if (append || ov.append.has('condition')) col.appendMacro(name.value, cond, at);
  else col.defineMacro({ name: name.value, cond: [cond], at });
}

function readEngineVersion(r: YamlReader, map: YAMLMap, log: LoadLog): void {
  const v = r.str(map, 'required_engine_version', undefined, true);
  // Falco accepts a bare integer (old style) or a semver; kadet records it and claims compatibility.
  if (!/^[0-9]+$/.test(v.value) && !SEMVER.test(v.value)) {
    throw r.error(v.node, 'bad-value', `required_engine_version '${v.value}' is neither a number nor a semver "x.y.z"`);
  }
  log.requirements.engineVersions.push(v.value);
}

function readPluginVersions(r: YamlReader, map: YAMLMap, log: LoadLog): void {
  const seq = r.value(map, 'required_plugin_versions');
  if (!isSeq(seq)) throw r.error(seq ?? map, 'bad-value', 'required_plugin_versions must be a sequence');
  for (const raw of seq.items) {
    const p = r.resolve(raw);
    if (!isMap(p)) throw r.error(p ?? seq, 'bad-value', 'each required plugin must be a mapping with name and version');
    const alternatives: Array<{ name: string; version: string }> = [];
    const alts = r.value(p, 'alternatives');
    if (alts !== null) {
      if (!isSeq(alts)) throw r.error(alts, 'bad-value', 'plugin alternatives must be a sequence');
      for (const a of alts.items.map((x) => r.resolve(x))) {
        if (!isMap(a)) throw r.error(a ?? alts, 'bad-value', 'each plugin alternative must be a mapping with name and version');
        alternatives.push({ name: r.str(a, 'name', undefined, true).value, version: r.str(a, 'version', undefined, true).value });
      }
    }
    log.requirements.plugins.push({ name: r.str(p, 'name', undefined, true).value, version: r.str(p, 'version', undefined, true).value, alternatives });
  }
}

function readItem(r: YamlReader, raw: unknown, col: Collector, log: LoadLog): void {
  const node = r.resolve(raw);
  if (r.isNull(node)) return;
  if (!isMap(node)) throw r.error(node, 'yaml-shape', 'each item must be a mapping such as "- rule: …", "- macro: …" or "- list: …"');
  const keys = r.keys(node);
  for (const dup of new Set(keys.filter((k, i) => keys.indexOf(k) !== i))) {
    log.notice({ file: r.file, offset: r.offsetOf(node) }, `key '${dup}' appears more than once in this item; the first one is used`);
  }
  if (r.has(node, 'required_engine_version')) readEngineVersion(r, node, log);
  else if (r.has(node, 'required_plugin_versions')) readPluginVersions(r, node, log);
  else if (r.has(node, 'list')) readList(r, node, col, log);
  else if (r.has(node, 'macro')) readMacro(r, node, col, log);
  else if (r.has(node, 'rule')) readRule(r, node, col, log);
  else log.notice({ file: r.file, offset: r.offsetOf(node) }, `unknown top-level item (keys: ${r.keys(node).join(', ')}): ignored`);
}

/** Reads one rule file into the collector. Each bad item is one error; the other items still load. */
export function readSource(source: RuleFileSource, col: Collector, log: LoadLog): void {
  const file = new SourceFile(source.file, source.text);
  // yaml-cpp (Falco) accepts duplicate keys; so do we, with a notice, reading the first one.
  const docs = parseAllDocuments(source.text, { lineCounter: file.lines, prettyErrors: false, uniqueKeys: false });
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) log.error(errorAt(file, e.pos[0], 'yaml-syntax', e.message));
      continue;
    }
    const r = new YamlReader(file, doc);
    const root = r.resolve(doc.contents);
    if (r.isNull(root)) continue;
    if (!isSeq(root)) {
      const what = isScalar(root) ? 'text' : 'a mapping';
      log.error(r.error(root, 'yaml-shape', `a rules file must be a YAML sequence of items (- rule:, - macro:, - list:), not ${what}`));
      continue;
    }
    for (const item of root.items) {
      try {
        readItem(r, item, col, log);
      } catch (err) {
        if (!(err instanceof RuleLoadError)) throw err;
        log.error(err);
      }
    }
  }
}
