import { loadRulePaths, type CompiledRule } from '../engine/index.ts';
import { fieldRegistry } from '../engine/fields/index.ts';
import type { Priority } from '../engine/priority.ts';
import { defaultRulesDir } from '../paths.ts';
import { UsageError } from './errors.ts';
import type { CliIO } from './io.ts';

/** Loads rule files/dirs (default: the bundled ruleset); any load error prints every error and fails with exit 2. */
export async function loadRulesForCli(paths: string[] | undefined, io: CliIO, minPriority?: Priority): Promise<CompiledRule[]> {
  const targets = paths && paths.length > 0 ? paths : [defaultRulesDir()];
  const result = await loadRulePaths(targets, fieldRegistry, minPriority ? { minPriority } : {});
  for (const n of result.notices) io.err(`notice: ${n.file}:${n.line}: ${n.rule ? `rule '${n.rule}': ` : ''}${n.message}\n`);
  if (result.errors.length > 0) {
    for (const e of result.errors) io.err(`${e.format()}\n`);
    throw new UsageError(`${result.errors.length} error(s) in rules (${targets.join(', ')})`);
  }
  return result.rules;
}
