// audit Policy toolkit: parse, lint, evaluate with kube-apiserver's semantics, simulate, coverage.
export type { Pos, Spans, GroupResources, PolicyRule, Policy } from './types.ts';
export type { Diagnostic, Severity } from './diagnostic.ts';
export type { RequestAttributes } from './attributes.ts';
export type { PolicyDecision } from './evaluate.ts';
export type { ParsedPolicy } from './parse.ts';
export type { ProjectOptions } from './project.ts';
export type { RequestShape, CoverageResult } from './coverage.ts';
export { PolicyParseError } from './errors.ts';
export { parsePolicy } from './parse.ts';
export { lintPolicy } from './lint.ts';
export { LINT_CODES } from './codes.ts';
export { evaluatePolicy, levelForEvent } from './evaluate.ts';
export { ruleMatches } from './match.ts';
export { attributesFromEvent } from './attributes.ts';
export { projectEvent, eventSize } from './project.ts';
export { policyLevelFor } from './coverage.ts';
export { LEVELS, STAGES, compareLevels, isLevel } from './levels.ts';
