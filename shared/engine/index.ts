// The rule engine's public API: Falco-compatible k8s_audit rules in, matches out.

export type { CompiledRule, LoadNotice, LoadOptions, LoadRequirements, LoadResult, RuleFileSource, RuleMatch } from './types.ts';
export { ConditionError, RuleLoadError, type ItemRef, type RuleLoadErrorCode, type RuleLocation } from './errors.ts';
export { loadRulePaths, loadRuleSources } from './ruleset/load.ts';
export { Engine, type EngineOptions } from './evaluate.ts';
export { MAX_CONDITION_DEPTH, MAX_CONDITION_NODES, MAX_MACRO_DEPTH } from './condition/limits.ts';
export type { FieldRegistry } from './fields/types.ts';
