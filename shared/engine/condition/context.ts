import type { CanonicalEvent } from '../../event/types.ts';
import type { FieldType } from '../fields/types.ts';
import type { Atom } from './operators.ts';
import { slotCount, slotSpec, type SlotSpec } from './slots.ts';

/** A normalised field value: one atom, a non-empty list of atoms, or absent. */
export type Value = Atom | readonly Atom[] | undefined;

function atom(v: unknown, type: FieldType): Atom | undefined {
  switch (type) {
    case 'string':
      if (typeof v === 'string') return v;
      return typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;
    case 'uint64':
      if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
      return typeof v === 'string' && /^[0-9]+$/.test(v) ? Number(v) : undefined;
    case 'bool':
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === 'false') return v === 'true';
      return typeof v === 'number' ? v !== 0 : undefined;
  }
}

function transform(a: Atom | undefined, spec: SlotSpec): Atom | undefined {
  let s: string | undefined = typeof a === 'string' ? a : undefined;
  for (const t of spec.transforms) if (s !== undefined) s = t(s);
  return s;
}

/** Brings an extractor's result to the evaluator's shape: typed atoms, empty lists as absent. */
export function normalize(raw: unknown, spec: SlotSpec): Value {
  const type = spec.def.type;
  const hasTransforms = spec.transforms.length > 0;
  if (Array.isArray(raw)) {
    const out: Atom[] = [];
    for (const x of raw) {
      let a = atom(x, type);
      if (hasTransforms) a = transform(a, spec);
      if (a !== undefined) out.push(a);
    }
    // libsinsp treats an extraction with zero values as a failed one: every check is false.
    return out.length > 0 ? out : undefined;
  }
  const a = atom(raw, type);
  return hasTransforms ? transform(a, spec) : a;
}

/**
 * Per-event state shared by every rule: a lazily filled cache of field values, one slot per
 * (field, argument, transformers). A generation counter invalidates the cache between events,
 * so moving to the next event costs nothing and allocates nothing.
 */
export class EvalContext {
  event!: CanonicalEvent;
  private epoch = 0;
  private readonly seen: Uint32Array;
  private readonly values: Value[];

  constructor(size = slotCount()) {
    this.seen = new Uint32Array(size);
    this.values = new Array<Value>(size).fill(undefined);
  }

  /** Starts a new event; values cached for the previous one become invisible. */
  reset(ev: CanonicalEvent): void {
    this.event = ev;
    if (++this.epoch === 0xffffffff) {
      this.seen.fill(0);
      this.epoch = 1;
    }
  }

  /** The value of a slot for the current event, extracting it on first use. */
  get(slot: number): Value {
    if (this.seen[slot] === this.epoch) return this.values[slot];
    return this.load(slot);
  }

  private load(slot: number): Value {
    if (slot >= this.seen.length) return undefined;
    const spec = slotSpec(slot);
    let v: Value;
    try {
      v = normalize(spec.def.extract(this.event, spec.arg), spec);
    } catch {
      // An extractor bug must not abort the batch: the field reads as absent, as in Falco.
      v = undefined;
    }
    this.values[slot] = v;
    this.seen[slot] = this.epoch;
    return v;
  }
}
