import type { Scalar } from 'yaml';

// Maps an offset inside a scalar's *value* back to an offset in the file, so a condition error
// points at the exact column in the YAML. Exact for single-line plain and quoted scalars and for
// block literals; folded and multi-line flow scalars are aligned line by line (exact within a
// line, approximate only at the folds).

function singleQuoted(src: string, start: number, length: number): number[] {
  const map: number[] = [];
  for (let j = 1; map.length < length && j < src.length; j++) {
    map.push(start + j);
    if (src[j] === "'" && src[j + 1] === "'") j++;
  }
  return map;
}

function escapeLength(c: string | undefined): number {
  if (c === 'x') return 4;
  if (c === 'u') return 6;
  if (c === 'U') return 10;
  return 2;
}

function doubleQuoted(src: string, start: number, value: string): number[] {
  const map: number[] = [];
  for (let j = 1; map.length < value.length && j < src.length; ) {
    if (src[j] === '\\') {
      const len = escapeLength(src[j + 1]);
      // \U escapes beyond the BMP decode to two UTF-16 units.
      const units = src[j + 1] === 'U' && (value.codePointAt(map.length) ?? 0) > 0xffff ? 2 : 1;
      for (let k = 0; k < units; k++) map.push(start + j);
      j += len;
    } else {
      map.push(start + j);
      j++;
    }
  }
  return map;
}

function lineAligned(src: string, start: number, value: string, skipHeader: boolean): number[] {
  const map = new Array<number>(value.length).fill(-1);
  let lineStart = 0;
  let vpos = 0;
  let first = true;
  while (lineStart <= src.length) {
    let lineEnd = src.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = src.length;
    if (!(first && skipHeader)) {
      let a = lineStart;
      while (src[a] === ' ' || src[a] === '\t' || (first && (src[a] === '"' || src[a] === "'"))) a++;
      let b = lineEnd;
      while (b > a && /[\s"']/.test(src[b - 1]!)) b--;
      const content = src.slice(a, b);
      const at = content ? value.indexOf(content, vpos) : -1;
      if (at >= 0) {
        for (let k = 0; k < content.length; k++) map[at + k] = start + a + k;
        vpos = at + content.length;
      } else if (content && vpos < value.length && map[vpos] === -1) {
        map[vpos] = start + a;
      }
    }
    first = false;
    lineStart = lineEnd + 1;
  }
  // Characters created by folding sit just after the last mapped one.
  let last = start;
  for (let i = 0; i < map.length; i++) {
    if (map[i]! >= 0) last = map[i]!;
    else map[i] = ++last;
  }
  return map;
}

/** Builds the value-offset → file-offset table of one scalar (computed only when an error needs it). */
export function scalarOffsets(fileText: string, node: Scalar, value: string): (i: number) => number {
  const range = node.range;
  if (!range) return () => 0;
  const [start, end] = range;
  const src = fileText.slice(start, end);
  const multiLine = src.includes('\n');
  let map: number[];
  switch (node.type) {
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED':
      map = lineAligned(src, start, value, true);
      break;
    case 'QUOTE_SINGLE':
      map = multiLine ? lineAligned(src, start, value, false) : singleQuoted(src, start, value.length);
      break;
    case 'QUOTE_DOUBLE':
      map = multiLine ? lineAligned(src, start, value, false) : doubleQuoted(src, start, value);
      break;
    default:
      if (!multiLine) return (i) => start + Math.min(i, value.length);
      map = lineAligned(src, start, value, false);
  }
  return (i) => (i < map.length ? map[i]! : (map.at(-1) ?? start) + (i - map.length + 1));
}
