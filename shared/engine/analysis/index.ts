// Static analysis of loaded rules: which requests each can fire on and the audit level it needs.
export type { Box, Dimension, GroupConstraint } from './box.ts';
export type { ValueSet } from './value-set.ts';
export type { RuleNeeds, NeedsOptions } from './needs.ts';
export type { NeedsWarning } from './level-check.ts';
export { DIMENSIONS, describeBox, maxLevel } from './box.ts';
export { contains, describeValues, finiteMembers, holdsUnnamed, isAll } from './value-set.ts';
export { ruleNeeds, declaredLevel } from './needs.ts';
export { checkDeclaredLevel } from './level-check.ts';
export { fieldLevel } from './field-levels.ts';
export { RuleAnalysisError } from './errors.ts';
export { simplify, restrictBoxes, boxWithin } from './subsume.ts';
export { boxOf, topBox } from './box.ts';
export { valuesOf } from './value-set.ts';
