// Builders for audit.k8s.io/v1 Events in the shapes the apiserver's log backend writes: one event
// per stage sharing an auditID, fields in the apiserver's order, Go's sorted map keys.

import type {
  AuditEvent,
  AuditLevel,
  AuditStage,
  ObjectReference,
  Status,
  UserInfo,
} from '../../shared/event/types.ts';
import type { Prng } from './prng.ts';
import { goDuration, MS, microTime, type Micros } from './time.ts';

/** Who sends a request and from where. */
export interface Actor {
  user: UserInfo;
  sourceIPs: string[];
  /** Absent when the client sends no User-Agent header (load-balancer health checks). */
  userAgent?: string;
  /**
   * Audit annotations the authenticator adds for this credential, on every stage after
   * RequestReceived (a Secret-based service-account token: `authentication.k8s.io/legacy-token`).
   */
  annotations?: Record<string, string>;
}

/** A REST resource addressed by a request: the parts of its URL plus what the object carries. */
export interface Target {
  /** API group; '' (or absent) is the core group served under /api. */
  group?: string;
  version?: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** From the request body's metadata (updates), filled in by the apiserver into objectRef. */
  uid?: string;
  resourceVersion?: string;
}

export interface Authz {
  decision: 'allow' | 'forbid';
  reason: string;
}

export interface Request {
  actor: Actor;
  /** When the apiserver received the request. */
  at: Micros;
  verb: string;
  /** Path and query exactly as sent; build with `uri()`. */
  uri: string;
  target?: Target;
  level?: AuditLevel;
  /** HTTP status; defaults from the verb (create 201, otherwise 200). */
  code?: number;
  /** Time from receipt to ResponseComplete. */
  latency?: Micros;
  /** Time from receipt to ResponseStarted, for long-running requests. */
  startedAfter?: Micros;
  /** Stages the policy records for this request; default ResponseComplete only. */
  stages?: AuditStage[];
  /** Authorization annotations; absent when authentication itself failed. */
  authz?: Authz;
  /** Failure details merged into responseStatus (status, message, reason, details). */
  status?: Omit<Status, 'metadata' | 'code'>;
  requestObject?: unknown;
  responseObject?: unknown;
  /** Extra annotations (Pod Security admission). */
  annotations?: Record<string, string>;
  /** Use this auditID instead of a fresh one (stages of one request built separately). */
  auditID?: string;
}

/** An event and the moment the log backend wrote it (its stageTimestamp). */
export interface Stamped {
  t: Micros;
  event: AuditEvent;
}

const LEVEL_RANK: Record<AuditLevel, number> = { None: 0, Metadata: 1, Request: 2, RequestResponse: 3 };

/** Go's url.QueryEscape: everything but A–Z a–z 0–9 - _ . ~ is %XX; space is '+'. */
export function queryEscape(s: string): string {
  return Buffer.from(s, 'utf8')
    .toString('latin1')
    .split('')
    .map((ch) => {
      if (/[A-Za-z0-9\-_.~]/.test(ch)) return ch;
      if (ch === ' ') return '+';
      return `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

export type Query = Record<string, string | number | boolean | readonly string[]>;

/** Go's url.Values.Encode: keys sorted, repeated keys kept in order. */
export function encodeQuery(q: Query | undefined): string {
  if (q === undefined) return '';
  const parts: string[] = [];
  for (const key of Object.keys(q).sort()) {
    const v = q[key];
    const values = Array.isArray(v) ? (v as readonly string[]) : [String(v)];
    for (const value of values) parts.push(`${queryEscape(key)}=${queryEscape(value)}`);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}

/** The request path of a target: /api/v1/... for the core group, /apis/<group>/<version>/... otherwise. */
export function pathOf(t: Target): string {
  const version = t.version ?? 'v1';
  let p = t.group ? `/apis/${t.group}/${version}` : `/api/${version}`;
  if (t.namespace !== undefined && !(t.resource === 'namespaces')) p += `/namespaces/${t.namespace}`;
  p += `/${t.resource}`;
  if (t.name !== undefined) p += `/${t.name}`;
  if (t.subresource !== undefined) p += `/${t.subresource}`;
  return p;
}

export function uri(t: Target, q?: Query): string {
  return pathOf(t) + encodeQuery(q);
}

function objectRef(t: Target, complete: boolean): ObjectReference {
  const ref: ObjectReference = { resource: t.resource };
  if (t.namespace !== undefined) ref.namespace = t.namespace;
  if (t.name !== undefined) ref.name = t.name;
  if (complete && t.uid !== undefined) ref.uid = t.uid;
  if (t.group) ref.apiGroup = t.group;
  ref.apiVersion = t.version ?? 'v1';
  if (complete && t.resourceVersion !== undefined) ref.resourceVersion = t.resourceVersion;
  if (t.subresource !== undefined) ref.subresource = t.subresource;
  return ref;
}

function sortedKeys<T>(m: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(m).sort()) out[k] = m[k] as T;
  return out;
}

function userInfo(u: UserInfo): UserInfo {
  const out: UserInfo = {};
  if (u.username !== undefined) out.username = u.username;
  if (u.uid !== undefined) out.uid = u.uid;
  if (u.groups !== undefined) out.groups = [...u.groups];
  if (u.extra !== undefined) out.extra = sortedKeys(u.extra);
  return out;
}

function defaultCode(verb: string): number {
  return verb === 'create' || verb === 'post' ? 201 : 200;
}

/** The events the log backend writes for one request, one per recorded stage. */
export function toEvents(rng: Prng, r: Request): Stamped[] {
  const auditID = r.auditID ?? rng.uuid();
  const level = r.level ?? 'Metadata';
  const stages = r.stages ?? ['ResponseComplete'];
  const latency = (r.latency ?? rng.around(4 * MS, 3 * MS, 600)) + rng.int(0, 999);
  const code = r.code ?? defaultCode(r.verb);
  const out: Stamped[] = [];
  for (const stage of stages) {
    const t =
      stage === 'RequestReceived'
        ? r.at
        : stage === 'ResponseStarted'
          ? r.at + (r.startedAfter ?? Math.min(latency, rng.around(2 * MS, 1 * MS, 300)))
          : r.at + latency;
    const ev: AuditEvent = {
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level,
      auditID,
      stage,
      requestURI: r.uri,
      verb: r.verb,
      user: userInfo(r.actor.user),
      sourceIPs: [...r.actor.sourceIPs],
    };
    if (r.actor.userAgent !== undefined) ev.userAgent = r.actor.userAgent;
    if (r.target !== undefined) ev.objectRef = objectRef(r.target, stage !== 'RequestReceived');
    if (stage !== 'RequestReceived') {
      const status: Status = { metadata: {} };
      if (r.status !== undefined) Object.assign(status, r.status);
      status.code = code;
      ev.responseStatus = status;
      if (LEVEL_RANK[level] >= LEVEL_RANK.Request && r.requestObject !== undefined) ev.requestObject = r.requestObject;
      if (LEVEL_RANK[level] >= LEVEL_RANK.RequestResponse && r.responseObject !== undefined && stage === 'ResponseComplete') {
        ev.responseObject = r.responseObject;
      }
    }
    ev.requestReceivedTimestamp = microTime(r.at);
    ev.stageTimestamp = microTime(t);
    if (stage !== 'RequestReceived') {
      const ann: Record<string, string> = { ...(r.actor.annotations ?? {}), ...(r.annotations ?? {}) };
      if (r.authz !== undefined) {
        ann['authorization.k8s.io/decision'] = r.authz.decision;
        ann['authorization.k8s.io/reason'] = r.authz.reason;
      }
      if (Object.keys(ann).length > 0) ev.annotations = sortedKeys(ann);
    }
    out.push({ t, event: ev });
  }
  return out;
}

// ---- authorization reasons, worded as the authorizers word them ----

export type Subject = { kind: 'User' | 'Group'; name: string } | { kind: 'ServiceAccount'; name: string; namespace: string };

function describeSubject(s: Subject): string {
  return s.kind === 'ServiceAccount' ? `ServiceAccount "${s.name}/${s.namespace}"` : `${s.kind} "${s.name}"`;
}

/** RBAC allow through a ClusterRoleBinding. */
export function allowCRB(binding: string, clusterRole: string, subject: Subject): Authz {
  return { decision: 'allow', reason: `RBAC: allowed by ClusterRoleBinding "${binding}" of ClusterRole "${clusterRole}" to ${describeSubject(subject)}` };
}

/** RBAC allow through a RoleBinding (to a Role or a ClusterRole). */
export function allowRB(binding: string, namespace: string, roleKind: 'Role' | 'ClusterRole', role: string, subject: Subject): Authz {
  return {
    decision: 'allow',
    reason: `RBAC: allowed by RoleBinding "${binding}/${namespace}" of ${roleKind} "${role}" to ${describeSubject(subject)}`,
  };
}

/** The Node authorizer allows with an empty reason. */
export const ALLOW_NODE: Authz = { decision: 'allow', reason: '' };
export const FORBID: Authz = { decision: 'forbid', reason: '' };

/** responseStatus details of an RBAC denial, in the apiserver's words. */
export function forbiddenStatus(user: string, verb: string, t: Target): Omit<Status, 'metadata' | 'code'> {
  const res = t.subresource !== undefined ? `${t.resource}/${t.subresource}` : t.resource;
  const scope = t.namespace !== undefined ? `in the namespace "${t.namespace}"` : 'at the cluster scope';
  const subject = t.name !== undefined ? `${t.resource} "${t.name}"` : t.resource;
  const details: Record<string, unknown> = {};
  if (t.name !== undefined) details.name = t.name;
  if (t.group) details.group = t.group;
  details.kind = t.resource;
  return {
    status: 'Failure',
    message: `${subject} is forbidden: User "${user}" cannot ${verb} resource "${res}" in API group "${t.group ?? ''}" ${scope}`,
    reason: 'Forbidden',
    details,
  };
}

/** responseStatus details of a denied non-resource request. */
export function forbiddenPathStatus(user: string, verb: string, path: string): Omit<Status, 'metadata' | 'code'> {
  return { status: 'Failure', message: `forbidden: User "${user}" cannot ${verb} path "${path}"`, reason: 'Forbidden', details: {} };
}

// ---- request shapes ----

interface Common {
  actor: Actor;
  at: Micros;
  authz: Authz;
  latency?: Micros;
  level?: AuditLevel;
  stages?: AuditStage[];
  code?: number;
  status?: Omit<Status, 'metadata' | 'code'>;
  annotations?: Record<string, string>;
}

export function get(c: Common & { target: Target; query?: Query }): Request {
  return { ...c, verb: 'get', uri: uri(c.target, c.query), target: c.target };
}

export function list(c: Common & { target: Target; query?: Query }): Request {
  return { ...c, verb: 'list', uri: uri(c.target, c.query ?? { limit: 500 }), target: c.target };
}

/**
 * A reflector's watch: ResponseStarted when the stream opens, ResponseComplete when the server
 * closes it after timeoutSeconds (client-go picks 5–10 minutes).
 */
export function watch(c: Common & { target: Target; query?: Query; resourceVersion: string; timeoutSeconds: number }): Request {
  const q: Query = {
    ...(c.query ?? {}),
    allowWatchBookmarks: true,
    resourceVersion: c.resourceVersion,
    timeout: goDuration(c.timeoutSeconds),
    timeoutSeconds: c.timeoutSeconds,
    watch: true,
  };
  return {
    ...c,
    verb: 'watch',
    uri: uri(c.target, q),
    target: c.target,
    stages: ['ResponseStarted', 'ResponseComplete'],
    latency: c.timeoutSeconds * 1_000_000 + (c.latency ?? 1_200),
    startedAfter: 900 + ((c.timeoutSeconds * 7919) % 1500),
  };
}

export function create(c: Common & { target: Target; query?: Query; body?: unknown; response?: unknown }): Request {
  return {
    ...c,
    verb: 'create',
    uri: uri({ ...c.target, name: c.target.subresource !== undefined ? c.target.name : undefined }, c.query),
    target: c.target,
    requestObject: c.body,
    responseObject: c.response,
  };
}

export function update(c: Common & { target: Target; query?: Query; body?: unknown; response?: unknown }): Request {
  return { ...c, verb: 'update', uri: uri(c.target, c.query), target: c.target, requestObject: c.body, responseObject: c.response };
}

export function patch(c: Common & { target: Target; query?: Query; body?: unknown; response?: unknown }): Request {
  return { ...c, verb: 'patch', uri: uri(c.target, c.query), target: c.target, requestObject: c.body, responseObject: c.response };
}

export function remove(c: Common & { target: Target; query?: Query; body?: unknown }): Request {
  return { ...c, verb: 'delete', uri: uri(c.target, c.query), target: c.target, requestObject: c.body };
}

/** A request with no objectRef: /healthz, /version, /apis, /metrics. Verb is the lower-case HTTP method. */
export function nonResource(c: Common & { path: string; method?: string }): Request {
  return { ...c, verb: c.method ?? 'get', uri: c.path };
}

/**
 * `kubectl exec`: kubectl ≥ 1.30 speaks WebSocket, an upgraded GET, so the audit verb is `get`
 * (older kubectl and SPDY clients POST: `create`). The upgrade answers 101 at ResponseStarted;
 * ResponseComplete follows when the session ends, still 101.
 */
export function exec(
  c: Common & { target: Target; command: string[]; container: string; tty: boolean; verb?: 'get' | 'create'; sessionSeconds: number },
): Request {
  const q: Query = { command: c.command, container: c.container, stdout: true };
  if (c.tty) {
    q.stdin = true;
    q.tty = true;
  } else {
    q.stderr = true;
  }
  return {
    ...c,
    verb: c.verb ?? 'get',
    uri: uri({ ...c.target, subresource: 'exec' }, q),
    target: { ...c.target, subresource: 'exec' },
    code: c.code ?? 101,
    stages: c.stages ?? ['RequestReceived', 'ResponseStarted', 'ResponseComplete'],
    startedAfter: 40 * MS + (c.sessionSeconds % 37) * MS,
    latency: c.sessionSeconds * 1_000_000 + 80 * MS,
  };
}

/**
 * Authentication failed (bad or expired token): the apiserver audits it itself, before any
 * authorizer runs, as a ResponseStarted event with an empty user and no authorization annotations.
 */
export function unauthenticated(actor: Actor, at: Micros, verb: string, path: string, target?: Target): Request {
  const r: Request = {
    actor: { ...actor, user: {} },
    at,
    verb,
    uri: path,
    code: 401,
    stages: ['ResponseStarted'],
    status: { message: 'Authentication failed, attempted: bearer' },
    latency: 300,
    startedAfter: 300,
  };
  if (target !== undefined) r.target = target;
  return r;
}
