// Every extractor, unguarded, on hostile JSON: it must neither throw nor return anything but a
// field value. The registry adds a try/catch backstop; these tests run the raw table entries so
// that the backstop cannot hide a bug.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jevtFields } from '../../../shared/engine/fields/jevt.ts';
import { kaMiscFields } from '../../../shared/engine/fields/ka-misc.ts';
import { kaPodFields } from '../../../shared/engine/fields/ka-pod.ts';
import { kaRbacFields } from '../../../shared/engine/fields/ka-rbac.ts';
import { kaRequestFields } from '../../../shared/engine/fields/ka-request.ts';
import { kadetFields } from '../../../shared/engine/fields/kadet.ts';
import type { FieldDef } from '../../../shared/engine/fields/types.ts';
import { podCreate, withEvent } from './helpers.ts';

const RAW: readonly FieldDef[] = [...kaRequestFields, ...kaMiscFields, ...kaRbacFields, ...kaPodFields, ...jevtFields, ...kadetFields];

const KEYS = [
  'requestObject', 'responseObject', 'spec', 'metadata', 'containers', 'initContainers', 'ephemeralContainers',
  'securityContext', 'privileged', 'runAsUser', 'runAsGroup', 'capabilities', 'add', 'image', 'name', 'command',
  'args', 'ports', 'hostPort', 'containerPort', 'volumes', 'hostPath', 'path', 'flexVolume', 'driver', 'rules',
  'verbs', 'resources', 'subjects', 'kind', 'namespace', 'roleRef', 'annotations', 'objectRef', 'resource', 'user',
  'username', 'groups', 'sourceIPs', 'requestURI', 'stageTimestamp', 'requestReceivedTimestamp', 'responseStatus',
  'code', 'data', 'level', 'cluster', 'file', 'line', 'event', 'origin',
  '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'length', '0', '',
];

const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 4 }));
const { value: json } = fc.letrec<{ value: unknown; arr: unknown[]; obj: Record<string, unknown> }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 6, depthSize: 'small' },
    fc.string({ maxLength: 12 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.constantFrom('2024-05-01T10:00:00.5Z', '/x?command=sh&a=%zz;', 'reg:5000/a:b@c', '~1', '-1'),
    tie('arr'),
    tie('obj'),
  ),
  arr: fc.array(tie('value'), { maxLength: 4 }),
  obj: fc.dictionary(key, tie('value'), { maxKeys: 6 }),
}));

/** One event holding every shape a field reads: pod, binding, role, service, configmap. */
const UNION_TEMPLATE = (() => {
  const ev = podCreate();
  Object.assign(ev.event.requestObject as object, {
    subjects: [{ kind: 'User', name: 'u' }, { kind: 'ServiceAccount', name: 's', namespace: 'n' }, { kind: 'Group', name: 'g' }],
    roleRef: { name: 'cluster-admin' },
    rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['*'], nonResourceURLs: ['/x'] }],
    data: { k: 'v' },
  });
  const spec = (ev.event.requestObject as { spec: Record<string, unknown> }).spec;
  Object.assign(spec, { type: 'NodePort', ports: [{ port: 80 }], ephemeralContainers: spec['containers'] });
  ev.event.impersonatedUser = { username: 'x' };
  return ev;
})();

/** Every path of the template, so mutations hit the places fields actually read. */
function paths(v: unknown, prefix: string[] = []): string[][] {
  if (typeof v !== 'object' || v === null) return [prefix];
  const children = Object.entries(v).flatMap(([k, child]) => paths(child, [...prefix, k]));
  return [prefix, ...children];
}
const REAL_PATHS = paths(UNION_TEMPLATE).filter((p) => p.length > 0);

function setPath(root: unknown, path: readonly string[], value: unknown): void {
  let cur = root as Record<string, unknown>;
  for (const k of path.slice(0, -1)) {
    const next = cur[k];
    if (typeof next !== 'object' || next === null) return;
    cur = next as Record<string, unknown>;
  }
  Object.defineProperty(cur, path[path.length - 1] as string, { value, enumerable: true, writable: true, configurable: true });
}

const mutatedRealistic = fc
  .array(fc.tuple(fc.constantFrom(...REAL_PATHS), json), { minLength: 1, maxLength: 6 })
  .map((edits) => {
    const ev = structuredClone(UNION_TEMPLATE);
    for (const [path, value] of edits) setPath(ev, path, value);
    return ev;
  });

/**
 * Arbitrary values shaped like `t`: every key may be dropped, every node may be replaced by
 * arbitrary JSON, arrays get random lengths. Wrong types thus reach every depth of every path.
 */
function shaped(t: unknown, depth = 0): fc.Arbitrary<unknown> {
  const orJson = (a: fc.Arbitrary<unknown>) => fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: json });
  if (Array.isArray(t)) {
    const element = t.length === 0 ? json : fc.oneof(...t.map((x) => shaped(x, depth + 1)));
    return orJson(fc.array(element, { maxLength: 3 }));
  }
  if (typeof t === 'object' && t !== null) {
    const model = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, shaped(v, depth + 1)]));
    return orJson(fc.record(model, { requiredKeys: [] }));
  }
  return orJson(fc.constant(t));
}

const anyEvent = fc.oneof(
  shaped(UNION_TEMPLATE).map((ev) => ev as never),
  mutatedRealistic,
  fc.tuple(json, json).map(([event, origin]) => withEvent(event, origin)),
  json.map((whole) => whole as never),
);

const argFor = (def: FieldDef): fc.Arbitrary<string | undefined> =>
  def.arg === undefined
    ? fc.constant(undefined)
    : fc.oneof(
        fc.constant(undefined),
        fc.nat({ max: 4 }).map(String),
        fc.string({ maxLength: 8 }),
        fc.constantFrom('/requestObject/spec', '', '/', '~', 'constructor', '__proto__', '/a~2', '*', '/etc/*'),
      );

function isFieldValue(v: unknown): boolean {
  const scalar = (x: unknown) => typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x));
  if (v === undefined || scalar(v)) return true;
  return Array.isArray(v) && v.length > 0 && v.every(scalar);
}

describe('field extractors on hostile input', () => {
  it('never throw and return only scalars, non-empty scalar lists or undefined', () => {
    const argsArb = fc.tuple(...RAW.map(argFor));
    fc.assert(
      fc.property(anyEvent, argsArb, (ev, args) => {
        RAW.forEach((def, i) => {
          const value = def.extract(ev, args[i]);
          if (!isFieldValue(value)) throw new Error(`${def.name} returned ${JSON.stringify(value)}`);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('survive values of the wrong type at every path of a real event', () => {
    const wrong = [null, 0, 'x', true, [], {}, [null], { 0: 'a' }];
    for (const path of REAL_PATHS) {
      for (const value of wrong) {
        const ev = structuredClone(UNION_TEMPLATE);
        setPath(ev, path, value);
        for (const def of RAW) expect(isFieldValue(def.extract(ev, def.arg ? '0' : undefined)), `${def.name} @ ${path.join('/')}`).toBe(true);
      }
    }
  });

  it('survive a deeply nested request object', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = { spec: deep };
    const ev = podCreate((e) => (e.requestObject = deep));
    for (const def of RAW) expect(isFieldValue(def.extract(ev, def.arg ? '/requestObject' : undefined)), def.name).toBe(true);
  });

  it('never read inherited members through hostile keys', () => {
    const ev = withEvent(JSON.parse('{"requestObject":{"spec":{"__proto__":{"hostNetwork":true}}},"user":{}}'));
    for (const def of RAW) {
      const v = def.extract(ev, def.arg?.kind === 'key' ? 'constructor' : undefined);
      expect(String(v), def.name).not.toMatch(/function|native code|\[object/);
    }
  });
});
