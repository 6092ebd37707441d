// What a deployment is configured with: CDK context (`cdk deploy -c clusters=prod,staging`) or
// cdk.json, read and validated once so a typo fails `cdk synth` with the key's name, not a
// half-deployed stack.
import { parsePriority, type Priority } from '../../../shared/engine/priority.ts';

/** Everything the kadet stack needs to know that is not a fixed choice. */
export interface KadetSettings {
  /** EKS cluster names: one subscription filter on /aws/eks/<name>/cluster each. */
  clusters: string[];
  /** Subscribe this address to the alert topic (it must confirm the e-mail). */
  alertEmail?: string;
  /** CloudWatch Logs → Kinesis Data Streams → Lambda instead of a direct subscription. */
  kinesis: boolean;
  /** The on-prem webhook: HTTP API + Lambda + token secret. */
  webhook: boolean;
  /** KADET_MIN_PRIORITY for both functions. */
  minPriority?: Priority;
  /** More KADET_SINKS entries after the SNS topic, e.g. `slack:secretsmanager:kadet/slack;min=Error`. */
  extraSinks?: string;
  /** KADET_DEAD_LETTER: where rejected records go besides the function's log. */
  deadLetter?: string;
  /** Retention of the functions' and the API's log groups, in days. */
  logRetentionDays: number;
}

/** Reads one context value; the CDK hands CLI values over as strings and cdk.json ones as JSON. */
export type ContextReader = (key: string) => unknown;

/** Retention periods CloudWatch Logs accepts (RetentionInDays). */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

// EKS: 1-100 characters, a letter or digit first, then letters, digits, hyphens and underscores.
const CLUSTER_NAME = /^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/;
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/** A context value that is wrong; the message names the key and what it takes. */
export class SettingsError extends Error {
  constructor(key: string, problem: string) {
    super(`context ${key}: ${problem}`);
    this.name = 'SettingsError';
  }
}

/** Validated settings from CDK context. Unset keys take the defaults documented in infra/aws/README.md. */
export function readSettings(get: ContextReader): KadetSettings {
  const settings: KadetSettings = {
    clusters: clusters(get('clusters')),
    kinesis: bool(get, 'kinesis', false),
    webhook: bool(get, 'webhook', true),
    logRetentionDays: retention(get('logRetentionDays')),
  };
  const email = text(get('alertEmail'));
  if (email !== undefined) {
    if (!EMAIL.test(email)) throw new SettingsError('alertEmail', 'expected one e-mail address');
    settings.alertEmail = email;
  }
  const min = text(get('minPriority'));
  if (min !== undefined) {
    settings.minPriority = parsePriority(min) ?? fail('minPriority', `"${min}" is not a priority (Emergency … Debug)`);
  }
  const extra = text(get('extraSinks'));
  if (extra !== undefined) settings.extraSinks = extra;
  const dead = text(get('deadLetter'));
  if (dead !== undefined) settings.deadLetter = dead;
  return settings;
}

function fail(key: string, problem: string): never {
  throw new SettingsError(key, problem);
}

function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

function clusters(v: unknown): string[] {
  const list = Array.isArray(v) ? v.map(String) : (text(v) ?? '').split(',');
  const names = list.map((s) => s.trim()).filter((s) => s !== '');
  for (const n of names) if (!CLUSTER_NAME.test(n)) fail('clusters', `"${n}" is not an EKS cluster name`);
  if (new Set(names).size !== names.length) fail('clusters', 'a cluster is listed twice');
  return names;
}

function bool(get: ContextReader, key: string, dflt: boolean): boolean {
  const v = get(key);
  if (v === undefined || v === null || v === '') return dflt;
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  return fail(key, `expected true or false, got "${String(v)}"`);
}

function retention(v: unknown): number {
  const s = text(v);
  if (s === undefined) return 90;
  const n = Number(s);
  if (!(LOG_RETENTION_DAYS as readonly number[]).includes(n)) fail('logRetentionDays', `expected one of ${LOG_RETENTION_DAYS.join(', ')}`);
  return n;
}
