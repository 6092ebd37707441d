// The audit level at which the apiserver writes what a field reads. At Metadata an event has no
// requestObject and no responseObject; at Request it has the requestObject; RequestResponse adds
// the responseObject. A field read from a body the policy drops is absent, so its checks fail.

import type { AuditLevel } from '../../event/types.ts';
import { canonicalField, normalPointer } from './field-dims.ts';

// ka.req.* read the requestObject except this one, which is objectRef.name under another name.
const METADATA_REQ_FIELDS: ReadonlySet<string> = new Set(['ka.req.configmap.name']);

/**
 * The level `field[arg]` needs. ka.target.pod.name falls back to responseObject.metadata.name only
 * for pods created with generateName; it counts as Metadata. kadet.level is the level itself: a
 * check on it needs the level it asks for (atoms.ts).
 */
export function fieldLevel(field: string, arg: string | undefined): AuditLevel {
  const name = canonicalField(field);
  if (name === 'jevt.value') return pointerLevel(arg === undefined ? '' : normalPointer(arg));
  if (name === 'jevt.obj') return 'RequestResponse';
  if (name.startsWith('ka.req.')) return METADATA_REQ_FIELDS.has(name) ? 'Metadata' : 'Request';
  if (name.startsWith('ka.resp.')) return 'RequestResponse';
  return 'Metadata';
}

function pointerLevel(pointer: string): AuditLevel {
  if (pointer === '/' || pointer === '') return 'RequestResponse'; // the whole event
  if (pointer === '/requestObject' || pointer.startsWith('/requestObject/')) return 'Request';
  if (pointer === '/responseObject' || pointer.startsWith('/responseObject/')) return 'RequestResponse';
  return 'Metadata';
}
