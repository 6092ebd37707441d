// A small stand-in for the real field registry, so engine tests do not depend on its details.
import type { CanonicalEvent } from '../../shared/event/types.ts';
import type { FieldDef, FieldRegistry, FieldValue } from '../../shared/engine/fields/types.ts';

type Extract = (ce: CanonicalEvent, arg: string | undefined) => FieldValue;

function obj(ce: CanonicalEvent): Record<string, unknown> {
  return (ce.event.requestObject ?? {}) as Record<string, unknown>;
}

function pointer(root: unknown, ptr: string): unknown {
  let cur = root;
  for (const part of ptr.split('/').slice(1)) {
    if (cur === null || typeof cur !== 'object' || !Object.hasOwn(cur, part)) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Counts extractor calls per field name, to test per-event caching. */
export const extractCalls = new Map<string, number>();

function def(name: string, extract: Extract, extra: Partial<FieldDef> = {}): FieldDef {
  return {
    name,
    type: 'string',
    isList: false,
    doc: name,
    extract(ce, arg) {
      extractCalls.set(name, (extractCalls.get(name) ?? 0) + 1);
      return extract(ce, arg);
    },
    ...extra,
  };
}

const images = (ce: CanonicalEvent): string[] => {
  const spec = obj(ce)['spec'] as { containers?: Array<{ image?: string }> } | undefined;
  return (spec?.containers ?? []).map((c) => c.image ?? '');
};

export const FAKE_FIELDS: FieldDef[] = [
  def('ka.user.name', (ce) => ce.event.user.username),
  def('ka.verb', (ce) => ce.event.verb),
  def('ka.uri', (ce) => ce.event.requestURI),
  def('ka.target.resource', (ce) => ce.event.objectRef?.resource),
  def('ka.target.namespace', (ce) => ce.event.objectRef?.namespace),
  def('ka.target.name', (ce) => ce.event.objectRef?.name),
  def('ka.target.subresource', (ce) => ce.event.objectRef?.subresource),
  def('ka.response.code', (ce) => ce.event.responseStatus?.code),
  def('ka.user.groups', (ce) => ce.event.user.groups, { isList: true }),
  def(
    'ka.uri.param',
    (ce, arg) => new URL(ce.event.requestURI, 'http://x').searchParams.get(arg ?? '') ?? undefined,
    { arg: { required: true, kind: 'key' } },
  ),
  def(
    'ka.req.pod.containers.image',
    (ce, arg) => (arg === undefined ? images(ce) : images(ce)[Number(arg)]),
    { isList: true, arg: { required: false, kind: 'index' } },
  ),
  def(
    'jevt.value',
    (ce, arg) => {
      const v = pointer(ce.event, arg ?? '');
      return typeof v === 'object' && v !== null ? JSON.stringify(v) : (v as FieldValue);
    },
    { arg: { required: true, kind: 'key' } },
  ),
  def('test.count', (ce) => obj(ce)['count'] as FieldValue, { type: 'uint64' }),
  def('test.flag', (ce) => obj(ce)['flag'] as FieldValue, { type: 'bool' }),
  def('test.ports', (ce) => obj(ce)['ports'] as FieldValue, { type: 'uint64', isList: true }),
  def('test.throws', () => {
    throw new Error('extractor bug');
  }),
];

/** A registry over FAKE_FIELDS; `json.value` is an alias of `jevt.value`, as in the real one. */
export const fakeFields: FieldRegistry = {
  get: (name) => FAKE_FIELDS.find((f) => f.name === name) ?? (name === 'json.value' ? FAKE_FIELDS.find((f) => f.name === 'jevt.value') : undefined),
  all: () => FAKE_FIELDS,
};

/** A minimal event; override any part with `over`. */
export function makeEvent(over: Partial<CanonicalEvent['event']> = {}): CanonicalEvent {
  return {
    event: {
      level: 'RequestResponse',
      auditID: 'a-1',
      stage: 'ResponseComplete',
      requestURI: '/api/v1/namespaces/default/pods',
      verb: 'create',
      user: { username: 'alice', groups: ['dev', 'system:authenticated'] },
      objectRef: { resource: 'pods', namespace: 'default', name: 'web' },
      responseStatus: { code: 201 },
      ...over,
    },
    origin: { provider: 'file' },
  };
}
