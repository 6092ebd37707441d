import { parse } from '@cdktf/hcl2json';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = Record<string, unknown>;

/** One Terraform module as JSON (hcl2json's shape: each block a list), with the file each block came from. */
export interface Module {
  dir: string;
  files: Record<string, Json>;
  resource: Record<string, Record<string, Json>>;
  data: Record<string, Record<string, Json>>;
  variable: Record<string, Json>;
  output: Record<string, Json>;
  locals: Json;
}

/** Parses every .tf in `dir` with @cdktf/hcl2json (the parser `cdktf convert` uses); one block per name. */
export async function loadModule(dir: string): Promise<Module> {
  const files: Record<string, Json> = {};
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.tf')).sort()) files[f] = await parse(f, readFileSync(join(dir, f), 'utf8'));
  const m: Module = { dir, files, resource: {}, data: {}, variable: {}, output: {}, locals: {} };
  for (const json of Object.values(files)) {
    for (const kind of ['resource', 'data'] as const) {
      for (const [type, byName] of Object.entries((json[kind] ?? {}) as Record<string, Record<string, Json[]>>)) {
        for (const [name, blocks] of Object.entries(byName)) {
          if (m[kind][type]?.[name] !== undefined) throw new Error(`${kind} ${type}.${name} is declared twice`);
          (m[kind][type] ??= {})[name] = blocks[0]!;
        }
      }
    }
    for (const kind of ['variable', 'output'] as const) {
      for (const [name, blocks] of Object.entries((json[kind] ?? {}) as Record<string, Json[]>)) m[kind][name] = blocks[0]!;
    }
    for (const block of (json['locals'] ?? []) as Json[]) Object.assign(m.locals, block);
  }
  return m;
}

/** A resource's attributes; throws with the names that do exist when it is missing. */
export function resource(m: Module, type: string, name: string): Json {
  const r = m.resource[type]?.[name];
  if (r === undefined) throw new Error(`no resource ${type}.${name} in ${m.dir} (have: ${Object.keys(m.resource[type] ?? {}).join(', ') || 'none of that type'})`);
  return r;
}

/** The first (only) nested block named `key`: hcl2json makes every block a list. */
export function block(parent: Json, key: string): Json {
  const b = parent[key];
  if (!Array.isArray(b) || b.length === 0) throw new Error(`no ${key} block`);
  return b[0] as Json;
}

/** Every string anywhere inside a value. */
export function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v !== null && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

/** Names matched by `re` (first group) in every string of the files matching `which`. */
export function referenced(m: Module, re: RegExp, which: (file: string) => boolean = () => true): Set<string> {
  const out = new Set<string>();
  for (const [file, json] of Object.entries(m.files)) {
    if (!which(file)) continue;
    for (const s of strings(json)) for (const match of s.matchAll(re)) out.add(match[1]!);
  }
  return out;
}
