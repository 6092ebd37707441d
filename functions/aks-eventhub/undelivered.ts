import { UndeliveredError } from '../../shared/alerts/errors.ts';
import type { BatchSummary } from '../../shared/runtime.ts';

/** The typed error for a batch some sink did not take; built from the summary's already-redacted reasons only. */
export function undeliveredError(summary: BatchSummary): UndeliveredError {
  return new UndeliveredError(summary.failures.map((f) => ({ sink: f.target, error: new Error(f.error) })));
}
