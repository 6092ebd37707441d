import { KadetError } from '../errors.ts';

/** A policy file that cannot be read at all (bad YAML, not a mapping); always has file:line:col. */
export class PolicyParseError extends KadetError {
  declare readonly location: { file: string; line: number; column: number };

  constructor(message: string, file: string, line: number, column: number, options?: { cause?: unknown }) {
    super(message, 'policy-parse', { file, line, column }, options);
  }
}
