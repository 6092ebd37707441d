import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type { CanonicalEvent, Origin } from '../event/types.ts';
import type { RuleMatch } from '../engine/index.ts';
import type { Priority } from '../engine/priority.ts';

/** Falco's JSON alert shape plus kadet's trace-back block. */
export interface Finding {
  time: string;
  rule: string;
  priority: Priority;
  output: string;
  output_fields: Record<string, string | null>;
  source: 'k8s_audit';
  tags: string[];
  hostname: string;
  kadet: {
    /** Deterministic from rule + auditID + stage, so redelivered batches can be de-duplicated. */
    id: string;
    auditID: string;
    stage: string;
    origin: Origin;
    mitre?: string[];
  };
}

const MITRE_TECHNIQUE = /^T\d{4}(?:\.\d{3})?$/;

/** Deterministic finding id: the same rule on the same audit event and stage always gives the same id. */
export function findingId(rule: string, auditID: string, stage: string): string {
  return createHash('sha256').update(`${rule}\0${auditID}\0${stage}`).digest('hex').slice(0, 32);
}

/** ATT&CK technique ids from the rule's tags (`T1609`) and its optional `mitre:` key, deduplicated. */
export function mitreTechniques(match: RuleMatch): string[] {
  const fromTags = match.rule.tags.filter((t) => MITRE_TECHNIQUE.test(t));
  const extra = match.rule.extra['mitre'];
  const fromKey = Array.isArray(extra) ? extra.filter((t): t is string => typeof t === 'string') : typeof extra === 'string' ? [extra] : [];
  return [...new Set([...fromTags, ...fromKey])];
}

const localHost = hostname();

/** Turns an engine match on an event into a Finding. */
export function buildFinding(match: RuleMatch, ce: CanonicalEvent): Finding {
  const { event, origin } = ce;
  const mitre = mitreTechniques(match);
  return {
    // The time the apiserver wrote this stage, as Falco's k8saudit source stamps its events.
    time: event.stageTimestamp ?? event.requestReceivedTimestamp ?? new Date().toISOString(),
    rule: match.rule.name,
    priority: match.rule.priority,
    output: match.output,
    output_fields: match.outputFields,
    source: 'k8s_audit',
    tags: match.rule.tags,
    // Falco reports the host it runs on; for a serverless receiver the cluster is the useful "host".
    hostname: origin.cluster ?? localHost,
    kadet: {
      id: findingId(match.rule.name, event.auditID, event.stage),
      auditID: event.auditID,
      stage: event.stage,
      origin,
      ...(mitre.length > 0 ? { mitre } : {}),
    },
  };
}
