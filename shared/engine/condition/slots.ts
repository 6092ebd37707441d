import type { FieldDef } from '../fields/types.ts';
import type { StringTransform } from './transformers.ts';

/** What one cache slot holds: a field, its argument, and the transformers applied to it. */
export interface SlotSpec {
  readonly id: number;
  readonly def: FieldDef;
  readonly arg: string | undefined;
  readonly transforms: readonly StringTransform[];
}

// Slot ids are process-wide (not per load) so rules from several loads can share one Engine and
// one per-event cache. The table only grows by distinct (field, argument, transformers) triples.
const specs: SlotSpec[] = [];
const byDef = new WeakMap<FieldDef, Map<string, number>>();

/** The slot id of a (field, argument, transformer chain); the same triple always gets the same id. */
export function slotFor(def: FieldDef, arg: string | undefined, transformNames: readonly string[], transforms: readonly StringTransform[]): number {
  let perDef = byDef.get(def);
  if (!perDef) byDef.set(def, (perDef = new Map()));
  // \u0001 cannot occur in YAML-sourced text, so "no argument" never collides with an argument.
  const key = `${arg ?? '\u0001'}\u0000${transformNames.join(',')}`;
  const found = perDef.get(key);
  if (found !== undefined) return found;
  const id = specs.length;
  specs.push({ id, def, arg, transforms });
  perDef.set(key, id);
  return id;
}

/** The spec behind a slot id handed out by slotFor. */
export function slotSpec(id: number): SlotSpec {
  const s = specs[id];
  if (!s) throw new RangeError(`no field slot ${id}`);
  return s;
}

/** How many slots exist; an evaluation context of this size covers every compiled rule so far. */
export function slotCount(): number {
  return specs.length;
}
