import { KadetError } from './errors.ts';
import { parsePriority, PRIORITIES, type Priority } from './engine/priority.ts';
import { DEFAULT_MAX_DECOMPRESSED_BYTES } from './adapters/types.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** A configuration variable with a bad value; the message names the variable, never a secret value. */
export class ConfigError extends KadetError {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`, 'CONFIG', { field: variable });
  }
}

/** Everything a function reads from its environment, validated once at cold start. */
export interface KadetConfig {
  /** KADET_SINKS text, parsed by the sink registry (default `stdout`). */
  sinks: string;
  /** KADET_MIN_PRIORITY: rules below it are not loaded. */
  minPriority?: Priority;
  /** KADET_RULES: comma-separated rule files/dirs; default the bundled ruleset. */
  rules?: string[];
  /** KADET_CLUSTER: overrides the cluster name adapters derive. */
  cluster?: string;
  /** KADET_RULE_MATCHING: first (default) or all. */
  ruleMatching: 'first' | 'all';
  /** KADET_MAX_DECOMPRESSED_BYTES: cap on any decoded payload. */
  maxDecompressedBytes: number;
}

/** Reads and validates the environment; throws ConfigError naming the first bad variable. */
export function readConfig(env: Env): KadetConfig {
  const config: KadetConfig = {
    sinks: text(env, 'KADET_SINKS') ?? 'stdout',
    ruleMatching: oneOf(env, 'KADET_RULE_MATCHING', ['first', 'all'] as const) ?? 'first',
    maxDecompressedBytes: positiveInt(env, 'KADET_MAX_DECOMPRESSED_BYTES') ?? DEFAULT_MAX_DECOMPRESSED_BYTES,
  };
  const min = text(env, 'KADET_MIN_PRIORITY');
  if (min !== undefined) {
    const p = parsePriority(min);
    if (!p) throw new ConfigError('KADET_MIN_PRIORITY', `expected one of ${PRIORITIES.join(', ')}, got "${min}"`);
    config.minPriority = p;
  }
  const rules = text(env, 'KADET_RULES');
  if (rules !== undefined) config.rules = rules.split(',').map((s) => s.trim()).filter(Boolean);
  const cluster = text(env, 'KADET_CLUSTER');
  if (cluster !== undefined) config.cluster = cluster;
  return config;
}

function text(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v === undefined || v === '' ? undefined : v;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[]): T | undefined {
  const v = text(env, name);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw new ConfigError(name, `expected one of ${allowed.join(', ')}, got "${v}"`);
  return v as T;
}

function positiveInt(env: Env, name: string): number | undefined {
  const v = text(env, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0) throw new ConfigError(name, `expected a positive integer, got "${v}"`);
  return n;
}
