// The field registry: one table (name → definition) assembled from the group files.
// Adding a field = adding one entry to a group's array.

import { jevtAliases, jevtFields } from './jevt.ts';
import { kaMiscFields } from './ka-misc.ts';
import { kaPodFields } from './ka-pod.ts';
import { kaRbacFields } from './ka-rbac.ts';
import { kaRequestFields } from './ka-request.ts';
import { kadetFields } from './kadet.ts';
import type { FieldDef, FieldRegistry } from './types.ts';

export type { FieldArgSpec, FieldDef, FieldRegistry, FieldType, FieldValue, Scalar } from './types.ts';

/** The field groups, in the order the README table lists them. */
export const FIELD_GROUPS: ReadonlyMap<string, readonly FieldDef[]> = new Map([
  ['ka (request)', kaRequestFields],
  ['ka (target, response, cluster)', kaMiscFields],
  ['ka (RBAC)', kaRbacFields],
  ['ka (pod)', kaPodFields],
  ['jevt', jevtFields],
  ['kadet', kadetFields],
]);

/** Other names that resolve to a listed field. */
export const FIELD_ALIASES: ReadonlyMap<string, string> = new Map([...jevtAliases]);

/**
 * Wraps an extractor so that nothing it meets can escape as an exception: extractors are written
 * not to throw, and this is the backstop the engine relies on ("evaluation never throws").
 */
function guarded(def: FieldDef): FieldDef {
  const inner = def.extract;
  const out: FieldDef = {
    name: def.name,
    type: def.type,
    isList: def.isList,
    doc: def.doc,
    extract(ev, arg) {
      try {
        return inner(ev, arg);
      } catch {
        return undefined;
      }
    },
  };
  if (def.arg !== undefined) out.arg = Object.freeze({ ...def.arg });
  return Object.freeze(out);
}

function buildTable(): { table: Map<string, FieldDef>; defs: readonly FieldDef[] } {
  const table = new Map<string, FieldDef>();
  const defs: FieldDef[] = [];
  for (const group of FIELD_GROUPS.values()) {
    for (const raw of group) {
      if (table.has(raw.name)) throw new Error(`duplicate field ${raw.name}`);
      const def = guarded(raw);
      table.set(def.name, def);
      defs.push(def);
    }
  }
  for (const [alias, target] of FIELD_ALIASES) {
    const def = table.get(target);
    if (def === undefined || table.has(alias)) throw new Error(`bad field alias ${alias} → ${target}`);
    table.set(alias, def);
  }
  return { table, defs: Object.freeze(defs) };
}

const { table, defs } = buildTable();

/** Every ka.*, jevt.* (and json.*) and kadet.* field; `get` resolves aliases. */
export const fieldRegistry: FieldRegistry = Object.freeze({
  get: (name: string) => table.get(name),
  all: () => defs,
});
