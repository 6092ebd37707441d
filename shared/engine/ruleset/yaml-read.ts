import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { ItemRef, RuleLoadError, RuleLoadErrorCode } from '../errors.ts';
import { errorAt } from './load-log.ts';
import type { SourceFile } from './source-file.ts';

/** A scalar value as text with its node (for positions). */
export interface Text {
  value: string;
  node: Scalar;
}

/** Typed, positioned access to the YAML of one document; every mismatch is a RuleLoadError. */
export class YamlReader {
  constructor(
    readonly file: SourceFile,
    private readonly doc: Document,
  ) {}

  /** Follows aliases (`*anchor`), as yaml-cpp does for Falco. */
  resolve(node: unknown): Node | null {
    let n = node as Node | null | undefined;
    for (let hops = 0; n && isAlias(n) && hops < 32; hops++) n = n.resolve(this.doc) ?? null;
    return n ?? null;
  }

  /** Where a node starts in the file (0 when unknown). */
  offsetOf(node: unknown): number {
    return (node as Node | null)?.range?.[0] ?? 0;
  }

  /** A RuleLoadError at a node. */
  error(node: unknown, code: RuleLoadErrorCode, message: string, item?: ItemRef): RuleLoadError {
    return errorAt(this.file, this.offsetOf(node), code, message, item, item?.kind === 'rule' ? item.name : undefined);
  }

  /** The first pair with this key (yaml-cpp reads the first of duplicate keys). */
  pair(map: YAMLMap, key: string): Pair | undefined {
    return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair | undefined;
  }

  /** True when the mapping has the key, whatever its value. */
  has(map: YAMLMap, key: string): boolean {
    return this.pair(map, key) !== undefined;
  }

  /** The keys of a mapping, in order. */
  keys(map: YAMLMap): string[] {
    return map.items.flatMap((p) => (isScalar(p.key) ? [String(p.key.value)] : []));
  }

  /** The (alias-resolved) value of a key, or null. */
  value(map: YAMLMap, key: string): Node | null {
    return this.resolve(this.pair(map, key)?.value);
  }

  /** True for a missing value and for an explicit null (`key:`). */
  isNull(node: Node | null): boolean {
    return node === null || (isScalar(node) && node.value === null);
  }

  /** A scalar as Falco's yaml-cpp reads it: the text as written, whatever YAML type it resolved to. */
  scalarText(node: Scalar): string {
    return typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
  }

  /** A required (or optional) non-empty scalar value. */
  str(map: YAMLMap, key: string, item: ItemRef | undefined, required: true): Text;
  str(map: YAMLMap, key: string, item: ItemRef | undefined, required: false): Text | undefined;
  str(map: YAMLMap, key: string, item: ItemRef | undefined, required: boolean): Text | undefined {
    const pair = this.pair(map, key);
    if (!pair) {
      if (required) throw this.error(map, 'missing-key', `missing required key '${key}'`, item);
      return undefined;
    }
    const node = this.resolve(pair.value);
    if (this.isNull(node)) throw this.error(pair.key, 'bad-value', `key '${key}' is empty`, item);
    if (!isScalar(node)) throw this.error(node, 'bad-value', `value of '${key}' must be a scalar`, item);
    const value = this.scalarText(node);
    if (value === '') throw this.error(node, 'bad-value', `value of '${key}' must not be empty`, item);
    return { value, node };
  }

  /** An optional boolean (true/false, and yaml-cpp's yes/no/on/off). */
  bool(map: YAMLMap, key: string, item: ItemRef | undefined): boolean | undefined {
    const t = this.str(map, key, item, false);
    if (!t) return undefined;
    if (typeof t.node.value === 'boolean') return t.node.value;
    const v = t.value.toLowerCase();
    if (['true', 'yes', 'on', 'y'].includes(v)) return true;
    if (['false', 'no', 'off', 'n'].includes(v)) return false;
    throw this.error(t.node, 'bad-value', `value of '${key}' must be true or false, not '${t.value}'`, item);
  }

  /** A sequence of scalars (tags, list items); empty scalars are kept as ''. */
  strSeq(map: YAMLMap, key: string, item: ItemRef | undefined, required: boolean): Text[] | undefined {
    const pair = this.pair(map, key);
    if (!pair) {
      if (required) throw this.error(map, 'missing-key', `missing required key '${key}'`, item);
      return undefined;
    }
    const node = this.resolve(pair.value);
    if (!isSeq(node)) throw this.error(node ?? pair.key, 'bad-value', `value of '${key}' must be a sequence`, item);
    return node.items.map((raw) => {
      const v = this.resolve(raw);
      if (!isScalar(v) || v.value === null) throw this.error(v ?? node, 'bad-value', `items of '${key}' must be scalars`, item);
      return { value: this.scalarText(v), node: v };
    });
  }

  /** A plain JS copy of a node, for keys kept verbatim. */
  toJS(node: Node | null): unknown {
    return node === null ? null : node.toJS(this.doc);
  }
}

export { isMap, isScalar, isSeq };
