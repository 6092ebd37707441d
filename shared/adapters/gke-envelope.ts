// The inverse of the GKE adapters: wraps an audit Event as GKE logs it and as Pub/Sub delivers it, for the
// sample generator (events/) and the round-trip tests. What GKE cannot carry is dropped here exactly as GKE
// drops it (groups, uid, extra, impersonatedUser, query string, extra source IPs, resourceVersion, uid).
import { createHash } from 'node:crypto';
import { isObject, own } from '../event/own.ts';
import type { AuditEvent } from '../event/types.ts';
import { toMethodName } from './gke-method-name.ts';
import { requestPath, toResourceName, type ResourceTarget } from './gke-resource-name.ts';
import { toGkeStatus } from './gke-status.ts';
import { AUDIT_LOG_TYPE, K8S_RESOURCE_TYPE, K8S_SERVICE } from './gke-logentry.ts';
import { MESSAGE_PUBLISHED } from './gke-pubsub.ts';

/** The cluster a LogEntry is attributed to (its `resource.labels`). */
export interface GkeClusterIdentity {
  project: string;
  location: string;
  cluster: string;
}

/** A Cloud Logging LogEntry carrying a GKE AuditLog, in its JSON form. */
export interface GkeLogEntry {
  insertId: string;
  logName: string;
  resource: { type: string; labels: { project_id: string; location: string; cluster_name: string } };
  timestamp?: string;
  receiveTimestamp?: string;
  labels?: Record<string, string>;
  operation: { id: string; producer: string; first?: boolean; last?: boolean };
  protoPayload: Record<string, unknown>;
}

/** Pub/Sub delivery details; anything left out is derived from the entry so fixtures are deterministic. */
export interface PubSubEnvelopeOptions {
  messageId?: string;
  publishTime?: string;
  /** Full names: `projects/P/topics/T`, `projects/P/subscriptions/S`. */
  topic?: string;
  subscription?: string;
}

export interface PubSubMessage {
  attributes: Record<string, string>;
  data: string;
  messageId: string;
  publishTime: string;
}

/** The body Pub/Sub POSTs to a push endpoint, with both field spellings as the service sends them. */
export interface PubSubPushBody {
  message: PubSubMessage & { message_id: string; publish_time: string };
  subscription: string;
}

/** A structured-mode CloudEvent as Eventarc delivers it to a Cloud Functions gen2 function. */
export interface PubSubCloudEvent {
  specversion: '1.0';
  type: typeof MESSAGE_PUBLISHED;
  source: string;
  id: string;
  time: string;
  datacontenttype: 'application/json';
  data: { message: PubSubMessage; subscription: string };
}

const READ_VERBS: ReadonlySet<string> = new Set(['get', 'list', 'watch']);
const DEFAULT_NAME = 'kadet-gke-audit';

/** Wraps an audit Event as the LogEntry GKE writes for it (methodName, resourceName, gRPC status, labels, …). */
export function toGkeLogEntry(event: AuditEvent, opts: GkeClusterIdentity): GkeLogEntry {
  const target = targetOf(event);
  const methodName = toMethodName(event.verb, target);
  const resourceName = target ? toResourceName(target) : event.requestURI.split('?')[0]!.replace(/^\/+/, '');
  const decision = event.annotations?.['authorization.k8s.io/decision'];
  const timestamp = event.stageTimestamp ?? event.requestReceivedTimestamp;
  const logKind = !target || READ_VERBS.has(event.verb) ? 'data_access' : 'activity';
  return {
    protoPayload: {
      '@type': AUDIT_LOG_TYPE,
      authenticationInfo: event.user.username !== undefined ? { principalEmail: event.user.username } : {},
      authorizationInfo: [{ permission: methodName, resource: resourceName, ...(decision ? { granted: decision === 'allow' } : {}) }],
      methodName,
      ...(event.requestObject !== undefined ? { request: typed(event.requestObject, target) } : {}),
      requestMetadata: {
        ...(event.sourceIPs?.[0] !== undefined ? { callerIp: event.sourceIPs[0] } : {}),
        ...(event.userAgent !== undefined ? { callerSuppliedUserAgent: event.userAgent } : {}),
      },
      resourceName,
      ...(event.responseObject !== undefined ? { response: typed(event.responseObject, target) } : {}),
      serviceName: K8S_SERVICE,
      status: toGkeStatus(event.responseStatus, event.verb),
    },
    insertId: event.auditID,
    resource: { type: K8S_RESOURCE_TYPE, labels: { project_id: opts.project, location: opts.location, cluster_name: opts.cluster } },
    ...(timestamp !== undefined ? { timestamp } : {}),
    ...(event.annotations !== undefined ? { labels: { ...event.annotations } } : {}),
    logName: `projects/${opts.project}/logs/cloudaudit.googleapis.com%2F${logKind}`,
    // A long-running request's ResponseStarted entry is its operation's first; everything else closes it.
    operation: { id: event.auditID, producer: K8S_SERVICE, first: true, ...(event.stage === 'ResponseStarted' ? {} : { last: true }) },
    ...(timestamp !== undefined ? { receiveTimestamp: timestamp } : {}),
  };
}

/** Wraps a LogEntry in the body Pub/Sub POSTs to a push subscription. */
export function toPubSubPush(entry: object, opts: PubSubEnvelopeOptions = {}): PubSubPushBody {
  const message = messageOf(entry, opts);
  return {
    message: { ...message, message_id: message.messageId, publish_time: message.publishTime },
    subscription: opts.subscription ?? `projects/${projectOf(entry)}/subscriptions/${DEFAULT_NAME}`,
  };
}

/** Wraps a LogEntry in the structured-mode messagePublished CloudEvent a gen2 function receives. */
export function toCloudEvent(entry: object, opts: PubSubEnvelopeOptions = {}): PubSubCloudEvent {
  const message = messageOf(entry, opts);
  const project = projectOf(entry);
  return {
    specversion: '1.0',
    type: MESSAGE_PUBLISHED,
    source: `//pubsub.googleapis.com/${opts.topic ?? `projects/${project}/topics/${DEFAULT_NAME}`}`,
    id: message.messageId,
    time: message.publishTime,
    datacontenttype: 'application/json',
    data: { message, subscription: opts.subscription ?? `projects/${project}/subscriptions/eventarc-${DEFAULT_NAME}` },
  };
}

/** The target in resourceName form; the tail after a subresource (proxy paths) is taken from requestURI. */
function targetOf(event: AuditEvent): ResourceTarget | undefined {
  const ref = event.objectRef;
  if (ref?.resource === undefined) return undefined;
  const t: ResourceTarget = { group: ref.apiGroup ?? '', version: ref.apiVersion ?? 'v1', resource: ref.resource };
  if (ref.namespace !== undefined) t.namespace = ref.namespace;
  if (ref.name !== undefined) t.name = ref.name;
  if (ref.subresource !== undefined) t.subresource = ref.subresource;
  const prefix = requestPath(t, event.verb);
  const path = event.requestURI.split('?')[0]!;
  if (t.subresource !== undefined && path.startsWith(`${prefix}/`)) {
    const tail = path.slice(prefix.length + 1).split('/');
    if (tail.every((s) => s !== '')) t.path = tail;
  }
  return t;
}

/** Adds GKE's `@type` (`core.k8s.io/v1.Pod`) to a logged object. */
function typed(obj: unknown, target: ResourceTarget | undefined): unknown {
  if (!isObject(obj)) return obj;
  const ownVersion = own(obj, 'apiVersion');
  const apiVersion = typeof ownVersion === 'string' ? ownVersion : target ? `${target.group}/${target.version}`.replace(/^\//, '') : 'v1';
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  const typeGroup = !group ? 'core.k8s.io' : group.includes('.') ? group : `${group}.k8s.io`;
  const ownKind = own(obj, 'kind');
  const kind = typeof ownKind === 'string' ? ownKind : 'Object';
  return { '@type': `${typeGroup}/${version}.${kind}`, ...obj };
}

function messageOf(entry: object, opts: PubSubEnvelopeOptions): PubSubMessage {
  const e = entry as Record<string, unknown>;
  const time = [opts.publishTime, own(e, 'receiveTimestamp'), own(e, 'timestamp')].find((t) => typeof t === 'string') as string | undefined;
  const publishTime = time ?? '1970-01-01T00:00:00Z';
  const json = JSON.stringify(entry);
  return {
    attributes: { 'logging.googleapis.com/timestamp': typeof own(e, 'timestamp') === 'string' ? (own(e, 'timestamp') as string) : publishTime },
    data: Buffer.from(json).toString('base64'),
    messageId: opts.messageId ?? numericId(json),
    publishTime,
  };
}

/** A Pub/Sub-like decimal message id derived from the content, so generated samples are stable. */
function numericId(content: string): string {
  return BigInt(`0x${createHash('sha256').update(content).digest('hex').slice(0, 13)}`).toString();
}

function projectOf(entry: object): string {
  const resource = own(entry as Record<string, unknown>, 'resource');
  const labels = isObject(resource) ? own(resource, 'labels') : undefined;
  const project = isObject(labels) ? own(labels, 'project_id') : undefined;
  return typeof project === 'string' ? project : 'unknown-project';
}
