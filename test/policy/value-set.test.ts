import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { complement, contains, intersect, isAll, isEmpty, union, type ValueSet } from '../../shared/engine/analysis/value-set.ts';

// Every string up to three letters over {a, b}, and "absent": enough to tell any generated set apart.
const UNIVERSE: (string | undefined)[] = [undefined, ''];
for (const s of ['a', 'b']) UNIVERSE.push(s);
for (const x of ['a', 'b']) for (const y of ['a', 'b']) UNIVERSE.push(x + y);
for (const x of ['a', 'b']) for (const y of ['a', 'b']) for (const z of ['a', 'b']) UNIVERSE.push(x + y + z);

const word = fc.constantFrom('', 'a', 'b', 'ab', 'ba', 'aab');
const valueSet: fc.Arbitrary<ValueSet> = fc.record({
  negated: fc.boolean(),
  values: fc.uniqueArray(word, { maxLength: 3 }).map((v) => new Set(v)),
  prefixes: fc.uniqueArray(word, { maxLength: 2 }),
  absent: fc.boolean(),
});

const members = (s: ValueSet): (string | undefined)[] => UNIVERSE.filter((v) => contains(s, v));

describe('ValueSet', () => {
  it('complements exactly', () => {
    fc.assert(fc.property(valueSet, (s) => UNIVERSE.every((v) => contains(complement(s), v) === !contains(s, v))));
  });

  it('intersects: over holds every common value, under only common values', () => {
    fc.assert(
      fc.property(valueSet, valueSet, (a, b) =>
        UNIVERSE.every((v) => {
          const both = contains(a, v) && contains(b, v);
          return (!both || contains(intersect(a, b, 'over'), v)) && (!contains(intersect(a, b, 'under'), v) || both);
        }),
      ),
    );
  });

  it('unites: over holds every value of either, under only values of either', () => {
    fc.assert(
      fc.property(valueSet, valueSet, (a, b) =>
        UNIVERSE.every((v) => {
          const either = contains(a, v) || contains(b, v);
          return (!either || contains(union(a, b, 'over'), v)) && (!contains(union(a, b, 'under'), v) || either);
        }),
      ),
    );
  });

  it('calls a set empty or complete only when it is', () => {
    fc.assert(fc.property(valueSet, (s) => (!isEmpty(s) || members(s).length === 0) && (!isAll(s) || members(s).length === UNIVERSE.length)));
  });

  it('keeps a prefix with holes in an over-approximation and drops it in an under-approximation', () => {
    const prefix: ValueSet = { negated: false, values: new Set(), prefixes: ['a'], absent: false };
    const butOne = complement({ negated: false, values: new Set(['ab']), prefixes: [], absent: false });
    expect(contains(intersect(prefix, butOne, 'over'), 'aa')).toBe(true);
    expect(isEmpty(intersect(prefix, butOne, 'under'))).toBe(true);
  });
});
