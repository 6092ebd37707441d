import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withFieldTable } from '../../../shared/engine/fields/readme.ts';
import { packageRoot } from '../../../shared/paths.ts';

describe('README field reference', () => {
  it('is the table the registry generates (run `npm run docs` after changing a field)', () => {
    const readme = readFileSync(join(packageRoot(), 'README.md'), 'utf8');
    expect(readme).toBe(withFieldTable(readme));
  });
});
