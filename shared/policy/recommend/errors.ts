import { KadetError } from '../../errors.ts';

/** The drafted policy failed its own checks (lint errors or a blind rule): a bug in recommend, with the details. */
export class RecommendError extends KadetError {
  constructor(message: string, readonly details: readonly string[]) {
    super(message, 'policy-recommend');
  }
}
