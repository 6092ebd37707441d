import { KadetError } from '../errors.ts';

/** A mistake in how kadet was invoked or configured: reported in one line, exit code 2. */
export class UsageError extends KadetError {
  constructor(message: string) {
    super(message, 'USAGE');
  }
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
