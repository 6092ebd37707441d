import { existsSync, readFileSync } from 'node:fs';
import { formatLocation } from '../errors.ts';
import { ruleNeeds, checkDeclaredLevel, type NeedsWarning, type RuleNeeds } from '../engine/analysis/index.ts';
import type { CompiledRule } from '../engine/index.ts';
import { lintPolicy, parsePolicy, PolicyParseError, type Policy } from '../policy/index.ts';
import { UsageError } from './errors.ts';
import type { CliIO } from './io.ts';
import { loadRulesForCli } from './rules-loading.ts';

/** A policy file's text, or a usage error naming it. */
export function readPolicyText(file: string): string {
  if (!existsSync(file)) throw new UsageError(`no such policy file: ${file}`);
  return readFileSync(file, 'utf8');
}

/**
 * Parses a policy for commands that use it (eval, simulate, coverage). A file that is not YAML is
 * a usage error; lint errors are only mentioned, since those commands still say what it would do.
 */
export function loadPolicyForCli(file: string, io: CliIO): Policy {
  const text = readPolicyText(file);
  try {
    const { policy } = parsePolicy(text, file);
    const errors = lintPolicy(text, file).filter((d) => d.severity === 'error').length;
    if (errors > 0) io.err(`warning: ${file} has ${errors} lint error(s): kube-apiserver refuses it as written (see kadet policy lint ${file})\n`);
    return policy;
  } catch (err) {
    if (err instanceof PolicyParseError) throw new UsageError(`${formatLocation(err.location)}: ${err.message}`);
    throw err;
  }
}

/** Loaded rules with what each needs from a policy on `provider`, and warnings where a rule's kadet.level disagrees. */
export async function loadNeedsForCli(paths: string[] | undefined, provider: string, io: CliIO): Promise<{ rules: CompiledRule[]; needs: RuleNeeds[]; warnings: NeedsWarning[] }> {
  const rules = await loadRulesForCli(paths, io);
  const needs = rules.map((r) => ruleNeeds(r, { provider }));
  const warnings = rules.flatMap((r, i) => checkDeclaredLevel(r, needs[i]!));
  return { rules, needs, warnings };
}

/** A warning as one line for people. */
export function warningLine(w: NeedsWarning): string {
  return `warning: ${w.file}:${w.line}: rule '${w.rule}': ${w.message} [${w.code}]\n`;
}
