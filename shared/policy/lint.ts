import { byPosition, diagnostic, type Diagnostic } from './diagnostic.ts';
import { PolicyParseError } from './errors.ts';
import { lintResources } from './lint-resources.ts';
import { lintReachability } from './lint-reach.ts';
import { lintStages } from './lint-stages.ts';
import { lintStrings } from './lint-strings.ts';
import { lintVerbs } from './lint-verbs.ts';
import { parsePolicy } from './parse.ts';
import type { Policy } from './types.ts';
import { validateHeader } from './validate-header.ts';
import { validatePolicy } from './validate.ts';

/** The checks run on a decoded policy, in report order; a table so adding one is one line. */
const CHECKS: readonly ((policy: Policy) => Diagnostic[])[] = [
  validateHeader,
  validatePolicy,
  lintStrings,
  lintVerbs,
  lintResources,
  lintReachability,
  lintStages,
];

/**
 * Everything wrong with a policy file, sorted by position: errors are what the apiserver refuses
 * (or silently drops), warnings what it accepts but cannot be meant. Never throws for bad input.
 */
export function lintPolicy(text: string, file: string): Diagnostic[] {
  let parsed;
  try {
    parsed = parsePolicy(text, file);
  } catch (err) {
    if (!(err instanceof PolicyParseError)) throw err;
    return [diagnostic('error', 'yaml-syntax', file, err.location, '', err.message)];
  }
  const found = [...parsed.diagnostics, ...CHECKS.flatMap((check) => check(parsed.policy))];
  return found.sort(byPosition);
}
