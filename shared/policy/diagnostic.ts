import type { Pos } from './types.ts';

export type Severity = 'error' | 'warning';

/** One finding of `kadet policy lint`; `path` is the field path, e.g. `rules[3].resources[0].resources[1]`. */
export interface Diagnostic {
  severity: Severity;
  file: string;
  line: number;
  column: number;
  path: string;
  code: string;
  message: string;
}

/** Builds a diagnostic at `pos`. */
export function diagnostic(severity: Severity, code: string, file: string, pos: Pos, path: string, message: string): Diagnostic {
  return { severity, file, line: pos.line, column: pos.column, path, code, message };
}

/** Orders by position, then errors before warnings, so output reads top to bottom. */
export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1);
}
