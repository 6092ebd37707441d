import { KadetError } from '../errors.ts';

/** An audit event that is not a valid audit.k8s.io Event: `field` is the JSON path, `problem` what was wrong. */
export class EventValidationError extends KadetError {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(field ? `${field}: ${problem}` : problem, 'EVENT_INVALID', { field });
  }
}
