// Shaping list-valued fields: empty means absent, and an index argument selects one item.

import type { FieldValue, Scalar } from './types.ts';

/**
 * Reads an index argument (`[0]`, `[12]`); undefined when absent or not a non-negative integer.
 * A field given an unusable index is absent, like an index past the end.
 */
export function parseIndex(arg: string | undefined): number | undefined {
  if (arg === undefined || !/^\d{1,9}$/.test(arg)) return undefined;
  return Number(arg);
}

/**
 * A list of values as a field value. An empty list is absent: Falco treats an extraction that
 * produced no values as a field that is not present, so every comparison on it is false.
 */
export function listValue(values: readonly Scalar[]): FieldValue {
  return values.length === 0 ? undefined : values;
}

/** The values of one selected item: none is absent, one is a scalar, several stay a list. */
export function itemValue(values: readonly Scalar[]): FieldValue {
  if (values.length === 0) return undefined;
  return values.length === 1 ? values[0] : values;
}

/**
 * The common shape of Falco's indexable list fields: without an index, the values of every item
 * in order; with `[n]`, the value(s) of item n only (absent past the end). `valuesOf` maps one
 * item to its values and skips what it cannot read.
 */
export function overItems(
  items: readonly unknown[] | undefined,
  arg: string | undefined,
  valuesOf: (item: unknown) => readonly Scalar[],
): FieldValue {
  if (items === undefined) return undefined;
  if (arg !== undefined) {
    const index = parseIndex(arg);
    if (index === undefined || index >= items.length) return undefined;
    return itemValue(valuesOf(items[index]));
  }
  const out: Scalar[] = [];
  for (const item of items) out.push(...valuesOf(item));
  return listValue(out);
}

/** One value or none, as a list (for `valuesOf` callbacks). */
export function one(v: Scalar | undefined): readonly Scalar[] {
  return v === undefined ? [] : [v];
}
