// Shared by the adapter tests: an arbitrary valid audit Event, and the invariant every adapter result obeys.
import fc from 'fast-check';
import { expect } from 'vitest';
import { REJECT_RAW_LIMIT } from '../../shared/adapters/reject.ts';
import type { AdapterResult } from '../../shared/adapters/types.ts';
import type { AuditEvent, AuditLevel, AuditStage } from '../../shared/event/types.ts';

const text = fc.string({ maxLength: 16 });
const dict = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<Record<string, T>> =>
  fc.dictionary(text, value, { maxKeys: 3, noNullPrototype: true });
const optional = { requiredKeys: [] as never[], noNullPrototype: true };

/** RFC 3339 with microseconds, as the apiserver writes MicroTime. */
const microTime = fc
  .tuple(fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }))
  .map(([d, us]) => `${d.toISOString().slice(0, 23)}${String(us).padStart(3, '0')}Z`);

// fc.json round-trips through JSON exactly (no -0, no undefined), as a body inside an envelope must.
const body = fc.json({ maxDepth: 3 }).map((s): unknown => JSON.parse(s));

const userInfo = fc.record(
  { username: text, uid: text, groups: fc.array(text, { maxLength: 3 }), extra: dict(fc.array(text, { maxLength: 2 })) },
  optional,
);

/** Any valid audit.k8s.io/v1 Event as the log backend writes it (kind and apiVersion set). */
export const auditEventArb: fc.Arbitrary<AuditEvent> = fc.record(
  {
    kind: fc.constant('Event' as const),
    apiVersion: fc.constant('audit.k8s.io/v1'),
    level: fc.constantFrom<AuditLevel>('None', 'Metadata', 'Request', 'RequestResponse'),
    auditID: fc.uuid(),
    stage: fc.constantFrom<AuditStage>('RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic'),
    requestURI: fc.webPath(),
    verb: fc.constantFrom('get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'impersonate', 'post'),
    user: userInfo,
    impersonatedUser: userInfo,
    sourceIPs: fc.array(fc.oneof(fc.ipV4(), fc.ipV6()), { maxLength: 3 }),
    userAgent: text,
    objectRef: fc.record(
      { resource: text, namespace: text, name: text, uid: fc.uuid(), apiGroup: text, apiVersion: text, resourceVersion: text, subresource: text },
      optional,
    ),
    responseStatus: fc.record(
      { metadata: fc.constant({}), status: text, message: text, reason: text, code: fc.integer({ min: 100, max: 599 }) },
      optional,
    ),
    requestObject: body,
    responseObject: body,
    requestReceivedTimestamp: microTime,
    stageTimestamp: microTime,
    annotations: dict(text),
  },
  { requiredKeys: ['kind', 'apiVersion', 'level', 'auditID', 'stage', 'requestURI', 'verb', 'user'], noNullPrototype: true },
);

/** Every reject reason starts with the stage that failed. */
export const REASON = /^(base64|gunzip|json|envelope|event|skipped-too-big-size-object): \S/;

/** The contract of every adapter: typed events and typed rejects only, raw text capped. */
export function expectTypedResult(result: AdapterResult, adapter: string, reason: RegExp = REASON): void {
  expect(Number.isInteger(result.skipped) && result.skipped >= 0).toBe(true);
  expect(Number.isInteger(result.control) && result.control >= 0).toBe(true);
  for (const e of result.events) {
    expect(typeof e.event.auditID).toBe('string');
    expect(typeof e.origin.provider).toBe('string');
  }
  for (const r of result.rejects) {
    expect(r.adapter).toBe(adapter);
    expect(r.reason).toMatch(reason);
    expect(typeof r.raw).toBe('string');
    expect(r.raw.length).toBeLessThanOrEqual(REJECT_RAW_LIMIT);
    expect(typeof r.where).toBe('object');
  }
}

/** Arbitrary hostile input: any JSON-ish value, plus strings, bytes and deeply odd objects. */
export const junkArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3, withNullPrototype: true, withBoxedValues: true }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string(),
  fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
);
