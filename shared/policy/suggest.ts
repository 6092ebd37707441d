import { ALIASES, FIELDS, OBJECT_NAMES, type ObjectKind } from './schema.ts';

/** Optimal string alignment distance (Levenshtein plus adjacent transposition). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j]!;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * cols + j] = best;
    }
  }
  return at(rows - 1, cols - 1);
}

/** The closest candidate: same letters in another case first, then within a third of the length. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const sameCase = candidates.find((c) => c.toLowerCase() === lower);
  if (sameCase !== undefined) return sameCase;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(word.length / 3)) + 1;
  for (const c of candidates) {
    const dist = editDistance(lower, c.toLowerCase());
    if (dist < bestDistance) [best, bestDistance] = [c, dist];
  }
  return best;
}

/** What an unknown key in `kind` was probably meant to be: a key here, or a key of another object. */
export function suggestKey(key: string, kind: ObjectKind): { key: string; elsewhere?: ObjectKind } | undefined {
  const alias = ALIASES[kind][key] ?? ALIASES[kind][key.toLowerCase()];
  if (alias !== undefined) return { key: alias };
  const here = closest(key, Object.keys(FIELDS[kind]));
  if (here !== undefined) return { key: here };
  // Exact names only: an indentation slip puts a correct key one object too high or too low.
  for (const other of Object.keys(FIELDS) as ObjectKind[]) {
    if (other !== kind && Object.hasOwn(FIELDS[other], key)) return { key, elsewhere: other };
  }
  return undefined;
}

/** "did you mean" text for a key suggestion. */
export function describeSuggestion(s: { key: string; elsewhere?: ObjectKind }): string {
  return s.elsewhere === undefined ? `did you mean "${s.key}"?` : `"${s.key}" belongs in ${OBJECT_NAMES[s.elsewhere]}`;
}
