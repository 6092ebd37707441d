import type { AuditEvent, AuditLevel, AuditStage } from '../event/types.ts';
import { compareLevels } from './levels.ts';

/** How the apiserver shapes an event besides its level. */
export interface ProjectOptions {
  /** Strip metadata.managedFields from the request and response objects (and list items). */
  omitManagedFields?: boolean;
}

/**
 * The event as it would have been written at `level` with `omitStages`: undefined when not written
 * at all (level None, or its stage omitted); at Metadata without request and response objects, at
 * Request without the response object. Never invents data: at a level above the recorded one the
 * recorded bodies are all there is, so the recorded level is kept (compare levels to flag it).
 */
export function projectEvent(ev: AuditEvent, level: AuditLevel, omitStages: readonly AuditStage[], options: ProjectOptions = {}): AuditEvent | undefined {
  if (level === 'None' || omitStages.includes(ev.stage)) return undefined;
  const out: AuditEvent = { ...ev, level: compareLevels(level, ev.level) < 0 ? level : ev.level };
  if (compareLevels(level, 'Request') < 0) delete out.requestObject;
  if (compareLevels(level, 'RequestResponse') < 0) delete out.responseObject;
  if (options.omitManagedFields === true) {
    if (out.requestObject !== undefined) out.requestObject = withoutManagedFields(out.requestObject);
    if (out.responseObject !== undefined) out.responseObject = withoutManagedFields(out.responseObject);
  }
  return out;
}

/** Bytes of the event as one JSON line, which is what log storage bills. */
export function eventSize(ev: AuditEvent): number {
  return Buffer.byteLength(JSON.stringify(ev), 'utf8') + 1;
}

// The apiserver drops managedFields from the object, or from each item of a list.
function withoutManagedFields(body: unknown): unknown {
  if (!isRecord(body)) return body;
  const copy: Record<string, unknown> = { ...body };
  if (isRecord(copy.metadata) && Object.hasOwn(copy.metadata, 'managedFields')) {
    const { managedFields: _dropped, ...metadata } = copy.metadata;
    copy.metadata = metadata;
  }
  if (Array.isArray(copy.items)) copy.items = copy.items.map(withoutManagedFields);
  return copy;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
