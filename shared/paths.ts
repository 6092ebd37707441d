import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The kadet package root (the folder holding package.json), found from this file whether run from source or a bundle. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'rules'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('kadet package root not found (no package.json with rules/ above this file)');
    dir = parent;
  }
}

/** The bundled ruleset folder. */
export function defaultRulesDir(): string {
  return join(packageRoot(), 'rules');
}
