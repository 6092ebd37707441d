import { describe, expect, it } from 'vitest';
import { isMap, isScalar, parseDocument, type Scalar } from 'yaml';
import { scalarOffsets } from '../../../shared/engine/ruleset/scalar-offsets.ts';

/** The scalar under `v:` in `text`, and a function giving the file text at a value offset. */
function scalarOf(text: string): { value: string; at: (i: number) => string } {
  const doc = parseDocument(text);
  const map = doc.contents;
  if (!isMap(map)) throw new Error('not a map');
  const node = map.items[0]!.value as Scalar;
  if (!isScalar(node)) throw new Error('not a scalar');
  const value = String(node.value);
  const map2 = scalarOffsets(text, node, value);
  return { value, at: (i) => text.slice(map2(i), map2(i) + 1) };
}

/** Asserts every character of the value maps to the same character in the file. */
function expectExact(text: string): void {
  const s = scalarOf(text);
  for (let i = 0; i < s.value.length; i++) {
    if (s.value[i] === '\n' || s.value[i] === ' ') continue;
    expect(s.at(i), `char ${i} of ${JSON.stringify(s.value)}`).toBe(s.value[i]);
  }
}

describe('scalar offsets', () => {
  it('maps plain, single- and double-quoted single-line scalars exactly', () => {
    expectExact('v: ka.verb=get and ka.user.name=bob\n');
    expectExact("v: 'it''s ka.verb=''get'''\n");
    expectExact('v: "ka.verb=get and x"\n');
  });

  it('maps an escaped character to its backslash and keeps the rest aligned', () => {
    const s = scalarOf('v: "ka.verb=\\"get\\" and x"\n');
    expect(s.value).toBe('ka.verb="get" and x');
    expect(s.at(8)).toBe('\\');
    expect(s.at(9)).toBe('g');
    expect(s.at(14)).toBe('a');
  });

  it('maps the characters after \\x, \\u and \\U escapes', () => {
    const s = scalarOf('v: "a\\x41b\\u00e9c\\U0001F600d"\n');
    expect(s.value).toBe('aAbéc😀d');
    expect(s.at(2)).toBe('b');
    expect(s.at(4)).toBe('c');
    expect(s.at(7)).toBe('d');
  });

  it('maps block literals exactly, whatever the header indicators', () => {
    expectExact('v: |\n  ka.verb=get\n    and x=1\n');
    expectExact('v: |-\n  ka.verb=get\n  and x=1\n');
    expectExact('v: |2+\n    a\n  b\n\n');
  });

  it('maps folded and multi-line flow scalars line by line', () => {
    expectExact('v: >\n  kevt and\n  pod\n\n  and x\n');
    expectExact('v: kevt and\n  pod and\n  x\n');
    expectExact('v: "kevt and\n  pod"\n');
  });
});
