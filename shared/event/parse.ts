import { EventValidationError } from './errors.ts';
import { isObject, own, type JsonObject } from './own.ts';
import type { AuditEvent, AuditLevel, AuditStage } from './types.ts';

const LEVELS: ReadonlySet<string> = new Set<AuditLevel>(['None', 'Metadata', 'Request', 'RequestResponse']);
const STAGES: ReadonlySet<string> = new Set<AuditStage>(['RequestReceived', 'ResponseStarted', 'ResponseComplete', 'Panic']);
const API_VERSIONS: ReadonlySet<string> = new Set(['audit.k8s.io/v1', 'audit.k8s.io/v1beta1']);
// RFC 3339 as Kubernetes writes it (metav1.MicroTime / Time); fractional digits optional.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * `path` is null on the fast first pass (no strings built for valid events); a failure there is
 * re-checked with paths to name the field, so only invalid events pay for the message.
 */
type Check = (value: unknown, path: string | null) => void;

/** Thrown on the fast pass; never escapes parseAuditEvent. */
const INVALID = Symbol('invalid');

const describe = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v).slice(0, 40)}`;

const fail = (path: string | null, expected: string, got: unknown): never => {
  if (path === null) throw INVALID;
  throw new EventValidationError(path, `expected ${expected}, got ${describe(got)}`);
};

/** A check that passes when `ok(value)` holds and otherwise reports what was expected. */
const when =
  (ok: (v: unknown) => boolean, expected: string): Check =>
  (v, p) => {
    if (!ok(v)) fail(p, expected, v);
  };

const str = when((v) => typeof v === 'string', 'a string');
const oneOf = (allowed: ReadonlySet<string>): Check =>
  when((v) => typeof v === 'string' && allowed.has(v), `one of ${[...allowed].join('|')}`);
const time = when((v) => typeof v === 'string' && RFC3339.test(v), 'an RFC 3339 timestamp');
const int = when(Number.isInteger, 'an integer');
const object = when(isObject, 'an object');
const anyJson: Check = () => undefined;

const arrayOf =
  (item: Check): Check =>
  (v, p) => {
    if (!Array.isArray(v)) return fail(p, 'an array', v);
    for (let i = 0; i < v.length; i++) item(v[i], p === null ? null : `${p}[${i}]`);
  };

const mapOf =
  (value: Check): Check =>
  (v, p) => {
    if (!isObject(v)) return fail(p, 'an object', v);
    for (const k of Object.keys(v)) value(v[k], join(p, k));
  };

/** Checks the known keys of an object; unknown extra keys are tolerated (newer apiservers add fields). */
const shape = (fields: Record<string, Check>, required: readonly string[] = []): Check => {
  // Parallel arrays and index loops: this runs for every event, and entry tuples cost measurably.
  const keys = Object.keys(fields);
  const checks = Object.values(fields);
  return (v, p) => {
    if (!isObject(v)) return fail(p, 'an object', v);
    for (const key of required) {
      if (own(v, key) === undefined) {
        if (p === null) throw INVALID;
        throw new EventValidationError(p ? `${p}.${key}` : key, 'is required');
      }
    }
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      // Plain indexing is safe here: every known key is a fixed name that no prototype defines.
      const value = v[key];
      // null is how some encoders write an omitted optional field.
      if (value !== undefined && value !== null) checks[i]!(value, join(p, key));
    }
  };
};

const join = (path: string | null, key: string): string | null => (path === null ? null : path ? `${path}.${key}` : key);

const userInfo = shape({ username: str, uid: str, groups: arrayOf(str), extra: mapOf(arrayOf(str)) });

const auditEvent = shape(
  {
    kind: when((v) => v === 'Event', '"Event"'),
    apiVersion: oneOf(API_VERSIONS),
    level: oneOf(LEVELS),
    auditID: str,
    stage: oneOf(STAGES),
    requestURI: str,
    verb: str,
    user: userInfo,
    impersonatedUser: userInfo,
    sourceIPs: arrayOf(str),
    userAgent: str,
    objectRef: shape({
      resource: str,
      namespace: str,
      name: str,
      uid: str,
      apiGroup: str,
      apiVersion: str,
      resourceVersion: str,
      subresource: str,
    }),
    responseStatus: shape({ metadata: object, status: str, message: str, reason: str, details: object, code: int }),
    requestObject: anyJson,
    responseObject: anyJson,
    requestReceivedTimestamp: time,
    stageTimestamp: time,
    annotations: mapOf(str),
    timestamp: time,
    metadata: object,
  },
  ['level', 'auditID', 'stage', 'requestURI', 'verb', 'user'],
);

/**
 * Validates untrusted JSON as an audit.k8s.io/v1 (or v1beta1) Event and returns it as v1.
 * Unknown extra fields are kept; known fields of the wrong type throw EventValidationError naming the field.
 */
export function parseAuditEvent(input: unknown): AuditEvent {
  try {
    auditEvent(input, null);
  } catch (err) {
    if (err !== INVALID) throw err;
    auditEvent(input, '');
  }
  const ev = input as JsonObject;
  if (own(ev, 'apiVersion') === 'audit.k8s.io/v1beta1') normaliseV1beta1(ev);
  return ev as unknown as AuditEvent;
}

/** v1beta1 carries `timestamp` and `metadata.creationTimestamp`; v1 dropped both for the two stage timestamps. */
function normaliseV1beta1(ev: JsonObject): void {
  const legacy = own(ev, 'timestamp');
  if (typeof legacy === 'string') {
    ev.requestReceivedTimestamp ??= legacy;
    ev.stageTimestamp ??= legacy;
  }
  delete ev.timestamp;
  delete ev.metadata;
  ev.apiVersion = 'audit.k8s.io/v1';
}
