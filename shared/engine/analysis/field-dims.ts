// Which request dimension a field reads, so a check on it narrows the requests a rule can fire on.
// Only fields that are exactly one of those properties are listed; any other field (response code,
// object name, request body…) narrows nothing the policy can see.

import { FIELD_ALIASES } from '../fields/index.ts';
import type { Dimension } from './box.ts';

/** A dimension, or the user's group list (a list field, handled apart). */
export type FieldDimension = Dimension | 'groups';

const BY_NAME: ReadonlyMap<string, FieldDimension> = new Map([
  ['ka.verb', 'verb'],
  ['ka.target.resource', 'resource'],
  ['ka.target.subresource', 'subresource'],
  ['ka.target.namespace', 'namespace'],
  ['ka.user.name', 'user'],
  ['ka.user.groups', 'groups'],
  ['ka.uri', 'uri'],
  ['ka.stage', 'stage'],
  ['kadet.provider', 'provider'],
]);

// jevt.value[/pointer] spelling of the same properties (the audit event's own JSON keys).
const BY_POINTER: ReadonlyMap<string, FieldDimension> = new Map([
  ['/verb', 'verb'],
  ['/objectRef/apiGroup', 'group'],
  ['/objectRef/resource', 'resource'],
  ['/objectRef/subresource', 'subresource'],
  ['/objectRef/namespace', 'namespace'],
  ['/user/username', 'user'],
  ['/requestURI', 'uri'],
  ['/stage', 'stage'],
]);

/** The canonical name of a field as written (json.* aliases resolve to jevt.*). */
export function canonicalField(name: string): string {
  return FIELD_ALIASES.get(name) ?? name;
}

/** A JSON pointer argument with its optional leading '/' restored, as jevt.value reads it. */
export function normalPointer(arg: string): string {
  return arg.startsWith('/') ? arg : `/${arg}`;
}

/** The dimension `field[arg]` reads, or undefined when it is not one. */
export function dimensionOf(field: string, arg: string | undefined): FieldDimension | undefined {
  const name = canonicalField(field);
  if (name === 'jevt.value') return arg === undefined ? undefined : BY_POINTER.get(normalPointer(arg));
  return arg === undefined ? BY_NAME.get(name) : undefined;
}
