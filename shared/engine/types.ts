import type { RuleLoadError } from './errors.ts';
import type { Priority } from './priority.ts';

// The engine's public data types; index.ts re-exports them. Kept apart from the loader and the
// evaluator so both can use them without importing each other.

export interface RuleFileSource {
  file: string;
  text: string;
}

export interface CompiledRule {
  name: string;
  desc: string;
  priority: Priority;
  tags: string[];
  output: string;
  /** 'k8s_audit' */
  source: string;
  file: string;
  line: number;
  /** keys beyond Falco's (e.g. `mitre`), kept verbatim */
  extra: Record<string, unknown>;
}

export interface RuleMatch {
  rule: CompiledRule;
  output: string;
  outputFields: Record<string, string | null>;
}

/** Something worth telling that is not an error, e.g. a syscall rule skipped. */
export interface LoadNotice {
  file: string;
  line: number;
  rule?: string;
  message: string;
}

/** What the engine version check and plugin requirements of the loaded files asked for. */
export interface LoadRequirements {
  engineVersions: string[];
  plugins: Array<{ name: string; version: string; alternatives: Array<{ name: string; version: string }> }>;
}

export interface LoadResult {
  rules: CompiledRule[];
  notices: LoadNotice[];
  errors: RuleLoadError[];
  /** Recorded, not enforced: kadet claims an engine compatible with Falco's k8s_audit rules. */
  requirements?: LoadRequirements;
}

export interface LoadOptions {
  /** Rules less severe than this are dropped at load, as Falco does, so they cannot shadow others. */
  minPriority?: Priority;
}
