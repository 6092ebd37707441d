/** Rule names for a comment: all of them up to `max`, then how many more. */
export function listNames(names: readonly string[], max = 4): string {
  const quoted = names.slice(0, max).map((n) => `'${n}'`);
  const more = names.length - max;
  return more > 0 ? `${quoted.join(', ')} and ${more} more` : quoted.join(', ');
}

/** Text wrapped to `width` columns, as comment lines. */
export function wrap(text: string, width = 98): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      if (line !== '' && line.length + 1 + word.length > width) {
        lines.push(line);
        line = word;
      } else line = line === '' ? word : `${line} ${word}`;
    }
    lines.push(line);
  }
  return lines;
}

/** Bytes for people: 812 B, 4.1 kB, 12.3 MB (powers of 1000). */
export function bytesText(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return u === 0 ? `${n} B` : `${v.toFixed(1)} ${units[u]}`;
}
