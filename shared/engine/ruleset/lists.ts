import type { ListLookup } from '../condition/values.ts';
import type { ListInfo } from './items.ts';

/**
 * Looks lists up by name with nested list names expanded (`items: [other_list, x]`), memoised.
 * A name that would expand into itself stays a literal word instead of looping.
 */
export function listLookup(lists: ReadonlyMap<string, ListInfo>): ListLookup {
  const done = new Map<string, readonly string[]>();
  const active = new Set<string>();
  const flatten = (name: string): readonly string[] | undefined => {
    const cached = done.get(name);
    if (cached) return cached;
    const info = lists.get(name);
    if (!info || active.has(name)) return undefined;
    active.add(name);
    const out: string[] = [];
    for (const item of info.items) {
      const nested = item === name ? undefined : flatten(item);
      if (nested) out.push(...nested);
      else out.push(item);
    }
    active.delete(name);
    done.set(name, out);
    return out;
  };
  return flatten;
}
