import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldRegistry } from '../../shared/engine/fields/index.ts';
import { loadRulePaths } from '../../shared/engine/index.ts';
import { readRuleTests, runRuleTests } from '../../shared/cli/rule-fixtures.ts';
import { defaultRulesDir } from '../../shared/paths.ts';

const rulesDir = defaultRulesDir();
const fixtureFiles = readdirSync(join(rulesDir, 'tests'))
  .filter((f) => f.endsWith('.tests.yaml'))
  .map((f) => join(rulesDir, 'tests', f));

describe('the shipped ruleset', async () => {
  const loaded = await loadRulePaths([rulesDir], fieldRegistry);
  const cases = await readRuleTests(fixtureFiles);

  it('loads with no errors and no notices', () => {
    expect(loaded.errors.map((e) => e.format())).toEqual([]);
    expect(loaded.notices).toEqual([]);
  });

  it('has a positive and a near-miss negative fixture for every rule', () => {
    const missing = loaded.rules.flatMap((r) => {
      const mine = cases.filter((c) => c.rule === r.name);
      const lacks = (['match', 'no-match'] as const).filter((e) => !mine.some((c) => c.expect === e));
      return lacks.map((e) => `${r.name}: no ${e} fixture`);
    });
    expect(missing).toEqual([]);
  });

  it.each(cases.map((c) => [`${c.rule} — ${c.name}`, c] as const))('%s', (_title, c) => {
    const [result] = runRuleTests(loaded.rules, [c]);
    expect(result?.passed, `${c.file}:${c.line} expected ${c.expect}; ${result?.detail}`).toBe(true);
  });
});
