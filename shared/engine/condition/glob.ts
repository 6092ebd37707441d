// fnmatch(3)-style globbing as libsinsp's `glob`/`iglob` use it: no FNM_PATHNAME, so `*` also
// matches `/`. Matching is iterative (backtracking only to the last `*`), so a pattern can never
// take more than O(pattern × subject) steps, unlike a naive glob-to-RegExp translation.

type Piece =
  | { t: 'char'; c: string }
  | { t: 'any' }
  | { t: 'star' }
  | { t: 'class'; negate: boolean; ranges: Array<[string, string]> };

function parseClass(p: string, i: number): { piece: Piece; next: number } | undefined {
  let j = i + 1;
  const negate = p[j] === '!' || p[j] === '^';
  if (negate) j++;
  const ranges: Array<[string, string]> = [];
  let first = true;
  while (j < p.length && (p[j] !== ']' || first)) {
    first = false;
    let lo = p[j]!;
    if (lo === '\\' && j + 1 < p.length) lo = p[++j]!;
    if (p[j + 1] === '-' && j + 2 < p.length && p[j + 2] !== ']') {
      let hi = p[j + 2]!;
      j += 2;
      if (hi === '\\' && j + 1 < p.length) hi = p[++j]!;
      ranges.push([lo, hi]);
    } else {
      ranges.push([lo, lo]);
    }
    j++;
  }
  // An unclosed `[` is an ordinary character, as fnmatch treats it.
  if (j >= p.length) return undefined;
  return { piece: { t: 'class', negate, ranges }, next: j + 1 };
}

function compilePieces(pattern: string): Piece[] {
  const out: Piece[] = [];
  for (let i = 0; i < pattern.length; ) {
    const c = pattern[i]!;
    if (c === '*') {
      if (out.at(-1)?.t !== 'star') out.push({ t: 'star' });
      i++;
    } else if (c === '?') {
      out.push({ t: 'any' });
      i++;
    } else if (c === '[') {
      const cls = parseClass(pattern, i);
      if (cls) {
        out.push(cls.piece);
        i = cls.next;
      } else {
        out.push({ t: 'char', c });
        i++;
      }
    } else if (c === '\\' && i + 1 < pattern.length) {
      out.push({ t: 'char', c: pattern[i + 1]! });
      i += 2;
    } else {
      out.push({ t: 'char', c });
      i++;
    }
  }
  return out;
}

function matchesOne(piece: Piece, ch: string): boolean {
  if (piece.t === 'char') return piece.c === ch;
  if (piece.t === 'any') return true;
  if (piece.t === 'class') {
    const hit = piece.ranges.some(([lo, hi]) => ch >= lo && ch <= hi);
    return hit !== piece.negate;
  }
  return false;
}

/** Compiles a glob once; the returned function tests a whole string against it. */
export function compileGlob(pattern: string, caseInsensitive = false): (s: string) => boolean {
  const pieces = compilePieces(caseInsensitive ? pattern.toLowerCase() : pattern);
  const n = pieces.length;
  return (subject: string): boolean => {
    const s = caseInsensitive ? subject.toLowerCase() : subject;
    let p = 0;
    let i = 0;
    let starP = -1;
    let starI = 0;
    while (i < s.length) {
      const piece = pieces[p];
      if (piece && piece.t === 'star') {
        starP = p++;
        starI = i;
      } else if (piece && matchesOne(piece, s[i]!)) {
        p++;
        i++;
      } else if (starP >= 0) {
        p = starP + 1;
        i = ++starI;
      } else {
        return false;
      }
    }
    while (p < n && pieces[p]!.t === 'star') p++;
    return p === n;
  };
}
