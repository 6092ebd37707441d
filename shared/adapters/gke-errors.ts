import { KadetError } from '../errors.ts';

/** Which step of reading a GKE record failed: it leads the reject reason so an operator knows where to look. */
export type GkeStage = 'envelope' | 'base64' | 'json' | 'logentry' | 'event';

/** A GKE record (Pub/Sub message or LogEntry) that cannot become an audit event; `field` is its JSON path. */
export class GkeRecordError extends KadetError {
  constructor(
    readonly stage: GkeStage,
    readonly field: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${stage}: ${field ? `${field}: ` : ''}${problem}`, 'GKE_RECORD_INVALID', { field }, options);
  }
}
