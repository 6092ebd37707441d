import type { FieldType } from '../fields/types.ts';
import type { Literal } from './ast.ts';
import type { Atom } from './operators.ts';

/** One right-hand value after list expansion, still carrying where it was written. */
export interface Item {
  text: string;
  pos: number;
  src?: unknown;
}

/** Looks up a `- list:` item by name, already flattened; undefined when there is no such list. */
export type ListLookup = (name: string) => readonly string[] | undefined;

/**
 * Expands bare list names inside `(a, b, some_list)`, as Falco substitutes them; quoted items and
 * bare words that name no list stay literal (Falco rule files rely on that for lists defined in a
 * file that may not be loaded).
 */
export function expandItems(items: readonly Literal[], lists: ListLookup): Item[] {
  const out: Item[] = [];
  for (const it of items) {
    const named = it.quoted ? undefined : lists(it.text);
    if (named) for (const text of named) out.push({ text, pos: it.pos, src: it.src });
    else out.push({ text: it.text, pos: it.pos, src: it.src });
  }
  return out;
}

const DECIMAL = /^\+?[0-9]+$/;
const HEX = /^0[xX][0-9a-fA-F]+$/;

/** Reads a literal as a value of the field's type; undefined when it is not one. */
export function toAtom(text: string, type: FieldType): Atom | undefined {
  switch (type) {
    case 'string':
      return text;
    case 'uint64':
      if (HEX.test(text)) return Number.parseInt(text.slice(2), 16);
      return DECIMAL.test(text) ? Number(text) : undefined;
    case 'bool':
      return text === 'true' ? true : text === 'false' ? false : undefined;
  }
}
