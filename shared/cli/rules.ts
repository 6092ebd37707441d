import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { fieldRegistry } from '../engine/fields/index.ts';
import { loadRulePaths } from '../engine/index.ts';
import { readRuleTests, runRuleTests } from './rule-fixtures.ts';
import { defaultRulesDir } from '../paths.ts';
import { EXIT } from './errors.ts';
import type { CliIO } from './io.ts';
import { collect } from './options.ts';
import { loadRulesForCli } from './rules-loading.ts';
import { registerRulesCoverage } from './rules-coverage.ts';

/** `kadet rules lint PATH…`: loads rule files and prints every error with file:line:col and a caret; exit 1 on any. */
export async function lintRules(paths: string[], io: CliIO): Promise<number> {
  const targets = paths.length > 0 ? paths : [defaultRulesDir()];
  const result = await loadRulePaths(targets, fieldRegistry);
  for (const n of result.notices) io.err(`notice: ${n.file}:${n.line}: ${n.rule ? `rule '${n.rule}': ` : ''}${n.message}\n`);
  for (const e of result.errors) io.err(`${e.format()}\n`);
  await io.out(`${result.rules.length} rule(s) loaded, ${result.errors.length} error(s), ${result.notices.length} notice(s)\n`);
  return result.errors.length > 0 ? EXIT.findings : EXIT.ok;
}

/** `kadet rules list`: one line per loaded rule: priority, name, tags. */
export async function listRules(paths: string[] | undefined, io: CliIO): Promise<number> {
  const rules = await loadRulesForCli(paths, io);
  for (const r of rules) await io.out(`${r.priority.padEnd(13)} ${r.name}  [${r.tags.join(', ')}]\n`);
  return EXIT.ok;
}

/** `kadet rules test [FIXTURE…]`: runs rules/tests fixtures; exit 1 on any failing case. */
export async function testRules(fixtures: string[], rulePaths: string[] | undefined, io: CliIO): Promise<number> {
  const rules = await loadRulesForCli(rulePaths, io);
  const files = expandFixtures(fixtures.length > 0 ? fixtures : [join(defaultRulesDir(), 'tests')]);
  const results = runRuleTests(rules, await readRuleTests(files));
  const failed = results.filter((r) => !r.passed);
  for (const f of failed) {
    io.err(`FAIL ${f.test.file}:${f.test.line} ${f.test.name}: expected ${f.test.expect} of '${f.test.rule}', ${f.detail}\n`);
  }
  await io.out(`rule tests: ${results.length - failed.length} passed, ${failed.length} failed\n`);
  return failed.length > 0 ? EXIT.findings : EXIT.ok;
}

function expandFixtures(paths: string[]): string[] {
  return paths.flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p)
          .filter((f) => f.endsWith('.tests.yaml'))
          .sort()
          .map((f) => join(p, f))
      : [p],
  );
}

/** Registers `rules lint|list|test|coverage`. */
export function registerRules(program: Command, io: CliIO, run: (code: Promise<number>) => void): void {
  const rules = program.command('rules').description('lint, list and test rule files');
  rules
    .command('lint')
    .description('load rule files and report every error; exit 1 on any')
    .argument('[paths...]', 'rule files or directories (default: the bundled rules/)')
    .action((paths: string[]) => run(lintRules(paths, io)));
  rules
    .command('list')
    .description('list the loaded rules')
    .option('--rules <path>', 'rule file or directory (repeatable)', collect)
    .action((opts: { rules?: string[] }) => run(listRules(opts.rules, io)));
  rules
    .command('test')
    .description('run rule fixtures (rules/tests/*.tests.yaml); exit 1 on any failure')
    .argument('[fixtures...]', 'fixture files or directories (default: rules/tests)')
    .option('--rules <path>', 'rule file or directory (repeatable)', collect)
    .action((fixtures: string[], opts: { rules?: string[] }) => run(testRules(fixtures, opts.rules, io)));
  registerRulesCoverage(rules, io, run);
  for (const sub of rules.commands) sub.exitOverride();
  rules.exitOverride();
}
