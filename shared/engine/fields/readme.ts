// `npm run docs`: rewrites the README's field reference from the registry, so it cannot drift.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../paths.ts';
import { fieldRegistry } from './index.ts';
import { renderFieldTable } from './markdown.ts';

const START = '<!-- fields:start -->';
const END = '<!-- fields:end -->';

/** The README text with the section between the field markers replaced by the current table. */
export function withFieldTable(readme: string): string {
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from === -1 || to < from) throw new Error(`README.md has no ${START} … ${END} section`);
  return `${readme.slice(0, from + START.length)}\n${renderFieldTable(fieldRegistry)}${readme.slice(to)}`;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const path = join(packageRoot(), 'README.md');
  writeFileSync(path, withFieldTable(readFileSync(path, 'utf8')));
}
