import { findingFacts, type FindingFacts } from '../facts.ts';
import type { Finding } from '../finding.ts';
import { toAscii, truncateUtf8, utf8Bytes } from '../text.ts';

/** SNS limit for one message, and for a whole PublishBatch: body + subject + attributes, in bytes. */
export const SNS_MAX_BYTES = 262_144;
/** The Publish API wants a Subject "less than 100 characters", ASCII, on one line. */
export const SUBJECT_MAX = 99;
const CLUSTER_MAX = 30;

/** One message to publish, before it becomes a PublishBatch entry. */
export interface SnsEntry {
  subject?: string;
  message: string;
  /** String message attributes, for subscription filter policies. */
  attributes: Record<string, string>;
  /** Used on FIFO topics: SNS then drops a duplicate published within 5 minutes, from any instance. */
  dedupId?: string;
}

/** `[Critical] Exec into kube-system pod - prod-eks`: ASCII, at most SUBJECT_MAX characters. */
export function snsSubject(f: Finding): string {
  const prefix = `[${f.priority}] `;
  const cluster = f.kadet.origin.cluster === undefined ? '' : toAscii(f.kadet.origin.cluster);
  const suffix = cluster === '' ? '' : ` - ${cluster.length > CLUSTER_MAX ? `${cluster.slice(0, CLUSTER_MAX - 3)}...` : cluster}`;
  const rule = toAscii(f.rule) || 'kadet finding';
  const room = SUBJECT_MAX - prefix.length - suffix.length;
  return prefix + (rule.length <= room ? rule : `${rule.slice(0, room - 3).trimEnd()}...`) + suffix;
}

/** Attributes a subscription filter policy can match: priority, rule, cluster, provider. */
export function snsAttributes(f: Finding): Record<string, string> {
  const attrs: Record<string, string> = { priority: f.priority, rule: f.rule, provider: f.kadet.origin.provider };
  // SNS rejects an empty attribute value, so an unknown cluster is left out, not sent blank.
  if (f.kadet.origin.cluster) attrs['cluster'] = f.kadet.origin.cluster;
  return attrs;
}

/** The readable part of the e-mail: what, who, where, when, from where, the raw record, the id. */
export function snsFactsText(x: FindingFacts): string {
  const na = (v: string | undefined): string => v ?? 'n/a';
  const section = (title: string, rows: [string, string | undefined][]): string =>
    [title, ...rows.filter(([, v]) => v !== undefined).map(([k, v]) => `  ${`${k}:`.padEnd(14)}${(v ?? '').replace(/\n/g, '\n                ')}`)].join('\n');
  const place = [x.provider, x.account && `account ${x.account}`, x.region && `region ${x.region}`].filter(Boolean).join(', ');
  return [
    `kadet finding: ${x.rule} (${x.priority})`,
    '',
    section('WHAT', [['Rule', x.rule], ['Priority', x.priority], ['Description', x.desc], ['Output', x.output], ['MITRE', x.mitre.join(', ') || undefined], ['Tags', x.tags.join(', ') || undefined]]),
    section('WHO', [['User', na(x.user)], ['Impersonating', x.impersonated]]),
    section('WHERE', [['Cluster', na(x.cluster)], ['Namespace', na(x.namespace)], ['Resource', na(x.resource)], ['Verb', x.verb]]),
    section('WHEN', [['Time', x.time]]),
    section('FROM WHERE', [['Source IPs', na(x.sourceIPs)], ['User agent', na(x.userAgent)]]),
    section('RAW EVENT', [['Provider', place], ['Record', x.coordinates], ['Audit ID', x.auditID], ['Stage', x.stage]]),
    section('FINDING', [['ID', x.id]]),
  ].join('\n');
}

const JSON_HEADING = '\n\n-- finding as JSON --\n';

/** Subject, body and attributes of one finding, cut to SNS_MAX_BYTES by shortening only the JSON. */
export function formatSnsEntry(f: Finding, desc?: string): SnsEntry {
  const subject = snsSubject(f);
  const attributes = snsAttributes(f);
  const facts = snsFactsText(findingFacts(f, desc)) + JSON_HEADING;
  const budget = SNS_MAX_BYTES - utf8Bytes(subject) - attributeBytes(attributes) - utf8Bytes(facts);
  const json = JSON.stringify(f, null, 2);
  const message = facts + truncateUtf8(json, budget, `\n… [JSON truncated to fit the ${SNS_MAX_BYTES}-byte SNS limit]`);
  return { subject, message, attributes, dedupId: f.kadet.id };
}

/** What SNS counts for an attribute map: names, data types and values. */
export function attributeBytes(attrs: Record<string, string>): number {
  return Object.entries(attrs).reduce((n, [k, v]) => n + utf8Bytes(k) + utf8Bytes('String') + utf8Bytes(v), 0);
}

/** What SNS counts for one entry against the per-message and per-batch limits. */
export function entryBytes(e: SnsEntry): number {
  return utf8Bytes(e.message) + utf8Bytes(e.subject ?? '') + attributeBytes(e.attributes);
}
