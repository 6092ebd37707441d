import type { AuditLevel, AuditStage } from '../event/types.ts';

/** Levels from least to most recorded; the index is the order. */
export const LEVELS: readonly AuditLevel[] = ['None', 'Metadata', 'Request', 'RequestResponse'];

/** Stages the apiserver accepts in omitStages, in the order an event passes them. */
export const STAGES: readonly AuditStage[] = ['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'];

/** True for one of the four audit levels (case-sensitive, as the apiserver checks). */
export function isLevel(s: string): s is AuditLevel {
  return (LEVELS as readonly string[]).includes(s);
}

/** True for one of the four audit stages (case-sensitive). */
export function isStage(s: string): s is AuditStage {
  return (STAGES as readonly string[]).includes(s);
}

/** Negative when `a` records less than `b`, 0 when equal, positive when more. */
export function compareLevels(a: AuditLevel, b: AuditLevel): number {
  return LEVELS.indexOf(a) - LEVELS.indexOf(b);
}

/** The valid stages among `lists`, de-duplicated, in stage order. */
export function unionStages(...lists: readonly (readonly string[])[]): AuditStage[] {
  const all = new Set(lists.flat());
  return STAGES.filter((s) => all.has(s));
}
