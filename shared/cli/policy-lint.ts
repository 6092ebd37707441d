import { lintPolicy, type Diagnostic } from '../policy/index.ts';
import { EXIT } from './errors.ts';
import type { CliIO } from './io.ts';
import { readPolicyText } from './policy-load.ts';

/** `kadet policy lint FILE…`: every diagnostic with file:line:col and field path; exit 1 on any error, 0 with only warnings. */
export async function lintPolicyFiles(files: string[], format: 'text' | 'json', io: CliIO): Promise<number> {
  const found: Diagnostic[] = files.flatMap((f) => lintPolicy(readPolicyText(f), f));
  const errors = found.filter((d) => d.severity === 'error').length;
  const warnings = found.length - errors;
  if (format === 'json') {
    await io.out(JSON.stringify({ diagnostics: found, errors, warnings }, null, 2) + '\n');
  } else {
    const lines = found.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message} [${d.code}]${d.path ? ` at ${d.path}` : ''}\n`);
    await io.out(lines.join('') + `${files.length} file(s): ${errors} error(s), ${warnings} warning(s)\n`);
  }
  return errors > 0 ? EXIT.findings : EXIT.ok;
}
