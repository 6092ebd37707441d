// What kube-apiserver guarantees about the requests behind some field values, where the field
// itself is not something the audit policy sees. Used one way only: "a rule testing this can only
// fire on such requests", never the converse.

import type { Dimension } from './box.ts';
import { canonicalField, normalPointer } from './field-dims.ts';
import { valuesOf, type ValueSet } from './value-set.ts';

/**
 * Constraints implied by `field op values` holding. A 401 is written by the failed-authentication
 * handler: the policy saw no user (so no users/userGroups rule applies) and the event has stage
 * ResponseStarted only. Only the anonymous authenticator puts a user in system:unauthenticated,
 * and that user is system:anonymous.
 */
export function impliedBy(field: string, arg: string | undefined, op: string, values: readonly string[]): Partial<Record<Dimension, ValueSet>> | undefined {
  if (values.length === 0) return undefined;
  const name = canonicalField(field);
  const isCode = name === 'ka.response.code' || (name === 'jevt.value' && arg !== undefined && normalPointer(arg) === '/responseStatus/code');
  if (isCode && ['=', '==', 'in'].includes(op) && values.every((v) => v === '401')) {
    return { user: valuesOf([], true), stage: valuesOf(['ResponseStarted']) };
  }
  if (name === 'ka.user.groups' && op === 'intersects' && values.every((v) => v === 'system:unauthenticated')) {
    return { user: valuesOf(['system:anonymous']) };
  }
  return undefined;
}
