import type { AuditLevel, AuditStage } from '../../event/types.ts';

/** One resources entry of a drafted rule. */
export interface DraftResources {
  group: string;
  resources: string[];
}

/** A policy rule being drafted, with the comment that says why it is there. */
export interface DraftRule {
  level: AuditLevel;
  users?: string[];
  userGroups?: string[];
  verbs?: string[];
  resources?: DraftResources[];
  nonResourceURLs?: string[];
  /** The comment above the rule: one sentence or more, wrapped when written. */
  why: string;
  /** noise: a None rule for traffic no rule needs, narrowed until it blinds none; needed: a level a rule needs; catch-all: the last rule. */
  kind: 'noise' | 'needed' | 'catch-all';
}

/** A whole drafted policy. */
export interface Draft {
  header: string[];
  omitStages: AuditStage[];
  omitStagesWhy: string;
  rules: DraftRule[];
}
