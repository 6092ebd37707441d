/**
 * GKE Cloud Audit Logs LogEntry → audit.k8s.io/v1 Event.
 *
 * GKE does not export the apiserver's audit event; it writes a LogEntry whose protoPayload is a
 * google.cloud.audit.AuditLog. This adapter rebuilds the Event from it. Mapping (verbatim unless marked):
 *
 *   protoPayload.methodName      → verb (last segment); `io.k8s.<verb>` = non-resource request, no objectRef
 *   protoPayload.resourceName    → objectRef.{apiGroup (core → absent), apiVersion, namespace, resource, name,
 *                                  subresource}; methodName's group/version/resource only when resourceName is absent
 *   authenticationInfo.principalEmail → user.username (user.groups, uid, extra: absent — GKE does not log them)
 *   requestMetadata.callerIp     → sourceIPs[0] (only the first hop; proxies' X-Forwarded-For chain is lost)
 *   requestMetadata.callerSuppliedUserAgent → userAgent
 *   protoPayload.request/response → requestObject/responseObject, with GKE's `@type` removed
 *   labels                       → annotations (authorization.k8s.io/*, pod-security.kubernetes.io/*, mutation.webhook…)
 *   operation.id, else insertId  → auditID (operation.id is shared by the entries of one request)
 *   timestamp                    → stageTimestamp
 *   resource.labels.project_id / location / cluster_name → origin.account / region / cluster
 *   logName                      → origin.logGroup (`…/cloudaudit.googleapis.com%2Factivity` or `%2Fdata_access`)
 *   insertId                     → origin.eventId
 *
 * Reconstructed (GKE does not carry them verbatim):
 *   requestURI   — path rebuilt from resourceName: `/api/<v>/…` for core, `/apis/<group>/<v>/…` otherwise; the
 *                  collection path for create (no subresource), list, watch and deletecollection; `/<resourceName>`
 *                  for non-resource requests. The query string (watch=true, labelSelector, exec's command=…) is lost.
 *   objectRef.namespace of a Namespace object — its own name (as the apiserver records it), except on create.
 *   responseStatus — a Status object returned in `response` is copied as is (its HTTP code wins); otherwise
 *                  the gRPC status.code maps to HTTP (7→403, 16→401, 5→404, 6/10→409, 3→400, 8→429, 13→500, …;
 *                  422 and other codes GKE folds into one gRPC code come back as that code's HTTP value), with
 *                  status "Failure" and status.message; `granted: false` without a status is 403; success is
 *                  201 for create, 101 for exec/attach/portforward, 200 otherwise. reason and details are only
 *                  known from a returned Status object.
 *   stage        — ResponseStarted when the entry is an operation's first but not last (long-running requests:
 *                  watch, exec, proxy…), else ResponseComplete. RequestReceived and Panic are never seen.
 *   level        — RequestResponse when there is a response, Request when there is only a request, else
 *                  Metadata: the policy's level is not logged, so a Request-level get without a body reads as Metadata.
 *   requestReceivedTimestamp — the entry timestamp, the only time GKE keeps (so it equals stageTimestamp).
 *   kind/apiVersion — "Event" / "audit.k8s.io/v1".
 * Lost entirely: user.groups/uid/extra, impersonatedUser, objectRef.uid/resourceVersion, all but the first source IP.
 */
import { EventValidationError } from '../event/errors.ts';
import { isObject, own, type JsonObject } from '../event/own.ts';
import { parseAuditEvent } from '../event/parse.ts';
import type { AuditEvent, AuditLevel, CanonicalEvent, ObjectReference, Origin } from '../event/types.ts';
import { GkeRecordError } from './gke-errors.ts';
import { parseMethodName } from './gke-method-name.ts';
import { describeValue, optArray, optBoolean, optInteger, optObject, optString, optStringMap } from './gke-read.ts';
import { parseResourceName, requestPath, type ResourceTarget } from './gke-resource-name.ts';
import { reconstructResponseStatus } from './gke-status.ts';
import { makeReject } from './reject.ts';
import { emptyResult, type Adapter, type AdapterContext, type AdapterResult } from './types.ts';

export const GKE_LOGENTRY_ADAPTER = 'gke-logentry';
export const AUDIT_LOG_TYPE = 'type.googleapis.com/google.cloud.audit.AuditLog';
export const K8S_SERVICE = 'k8s.io';
export const K8S_RESOURCE_TYPE = 'k8s_cluster';

/** What one LogEntry became: an event, nothing (not a Kubernetes audit entry), or a reject reason. */
export type LogEntryOutcome = { kind: 'event'; event: CanonicalEvent } | { kind: 'skip' } | { kind: 'reject'; reason: string };

/** Converts one untrusted LogEntry; never throws. `origin` holds the delivery coordinates (message id, file, line). */
export function convertLogEntry(entry: unknown, origin: Partial<Origin> = {}): LogEntryOutcome {
  try {
    if (!isKubernetesAudit(entry)) return { kind: 'skip' };
    const event = toAuditEvent(entry);
    try {
      parseAuditEvent(event);
    } catch (err) {
      if (err instanceof EventValidationError) throw new GkeRecordError('event', err.field, err.problem, { cause: err });
      throw err;
    }
    return { kind: 'event', event: { event, origin: { ...origin, provider: 'gke', ...originOf(entry) } } };
  } catch (err) {
    if (err instanceof GkeRecordError) return { kind: 'reject', reason: err.message };
    return { kind: 'reject', reason: `logentry: unexpected ${String(err)}` };
  }
}

/**
 * True for a GKE audit entry; false for a LogEntry that is something else (other resource types, container logs,
 * other services' audit logs), which callers count as skipped. Throws when the value is not a LogEntry at all.
 */
function isKubernetesAudit(entry: unknown): entry is JsonObject {
  if (!isObject(entry)) throw new GkeRecordError('logentry', '', `expected a LogEntry object, got ${describeValue(entry)}`);
  const type = optString(optObject(entry, 'resource', 'resource'), 'type', 'resource.type');
  if (type !== undefined && type !== K8S_RESOURCE_TYPE) return false;
  const pp = optObject(entry, 'protoPayload', 'protoPayload');
  if (pp === undefined) {
    if (type !== undefined || own(entry, 'jsonPayload') !== undefined || own(entry, 'textPayload') !== undefined) return false;
    throw new GkeRecordError('logentry', '', 'not a LogEntry: no resource and no payload');
  }
  const ppType = optString(pp, '@type', 'protoPayload.@type');
  if (ppType !== undefined && ppType !== AUDIT_LOG_TYPE) return false;
  const service = optString(pp, 'serviceName', 'protoPayload.serviceName');
  if (service === undefined) throw new GkeRecordError('logentry', 'protoPayload.serviceName', 'is required');
  return service === K8S_SERVICE;
}

function toAuditEvent(entry: JsonObject): AuditEvent {
  const pp = optObject(entry, 'protoPayload', 'protoPayload')!;
  const methodName = optString(pp, 'methodName', 'protoPayload.methodName');
  if (methodName === undefined) throw new GkeRecordError('logentry', 'protoPayload.methodName', 'is required');
  const method = parseMethodName(methodName);
  if (!method) throw new GkeRecordError('logentry', 'protoPayload.methodName', `not a Kubernetes method name: ${describeValue(methodName)}`);
  const resourceName = optString(pp, 'resourceName', 'protoPayload.resourceName');
  const target = method.kind === 'resource' ? targetOf(resourceName, method.target, method.verb) : undefined;
  const operation = optObject(entry, 'operation', 'operation');
  const auditID = optString(operation, 'id', 'operation.id') || optString(entry, 'insertId', 'insertId');
  if (!auditID) throw new GkeRecordError('logentry', 'insertId', 'is required (no operation.id either)');
  const first = optBoolean(operation, 'first', 'operation.first');
  const last = optBoolean(operation, 'last', 'operation.last');

  const meta = optObject(pp, 'requestMetadata', 'protoPayload.requestMetadata');
  const callerIp = optString(meta, 'callerIp', 'protoPayload.requestMetadata.callerIp');
  const userAgent = optString(meta, 'callerSuppliedUserAgent', 'protoPayload.requestMetadata.callerSuppliedUserAgent');
  const username = optString(optObject(pp, 'authenticationInfo', 'protoPayload.authenticationInfo'), 'principalEmail', 'protoPayload.authenticationInfo.principalEmail');
  const status = optObject(pp, 'status', 'protoPayload.status');
  const request = withoutType(own(pp, 'request'));
  const response = withoutType(own(pp, 'response'));
  const timestamp = optString(entry, 'timestamp', 'timestamp');
  const annotations = optStringMap(entry, 'labels', 'labels');
  const responseStatus = reconstructResponseStatus({
    verb: method.verb,
    subresource: target?.subresource,
    grpcCode: optInteger(status, 'code', 'protoPayload.status.code'),
    grpcMessage: optString(status, 'message', 'protoPayload.status.message'),
    denied: isDenied(optArray(pp, 'authorizationInfo', 'protoPayload.authorizationInfo')),
    response,
  });

  return {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: levelOf(request, response),
    auditID,
    stage: first === true && last !== true ? 'ResponseStarted' : 'ResponseComplete',
    requestURI: target ? requestPath(target, method.verb) : `/${(resourceName ?? '').replace(/^\/+/, '')}`,
    verb: method.verb,
    user: username !== undefined ? { username } : {},
    ...(callerIp !== undefined ? { sourceIPs: [callerIp] } : {}),
    ...(userAgent !== undefined ? { userAgent } : {}),
    ...(target ? { objectRef: objectRefOf(target) } : {}),
    responseStatus,
    ...(request !== undefined ? { requestObject: request } : {}),
    ...(response !== undefined ? { responseObject: response } : {}),
    ...(timestamp !== undefined ? { requestReceivedTimestamp: timestamp, stageTimestamp: timestamp } : {}),
    ...(annotations !== undefined ? { annotations } : {}),
  };
}

/** The request's target: resourceName is authoritative (it has namespace and name); methodName is the fallback. */
function targetOf(resourceName: string | undefined, fromMethod: ResourceTarget | undefined, verb: string): ResourceTarget {
  if (resourceName === undefined) {
    if (fromMethod) return fromMethod;
    throw new GkeRecordError('logentry', 'protoPayload.resourceName', 'is required when methodName does not name a resource');
  }
  const t = parseResourceName(resourceName);
  if (!t) throw new GkeRecordError('logentry', 'protoPayload.resourceName', `not a Kubernetes resource name: ${describeValue(resourceName)}`);
  // POST /api/v1/namespaces carries no namespace in its path, so the apiserver records none.
  if (t.resource === 'namespaces' && verb === 'create' && t.subresource === undefined) delete t.namespace;
  return t;
}

function objectRefOf(t: ResourceTarget): ObjectReference {
  return {
    resource: t.resource,
    ...(t.namespace !== undefined ? { namespace: t.namespace } : {}),
    ...(t.name !== undefined ? { name: t.name } : {}),
    ...(t.group !== '' ? { apiGroup: t.group } : {}),
    apiVersion: t.version,
    ...(t.subresource !== undefined ? { subresource: t.subresource } : {}),
  };
}

function levelOf(request: unknown, response: unknown): AuditLevel {
  if (response !== undefined) return 'RequestResponse';
  return request !== undefined ? 'Request' : 'Metadata';
}

/** GKE adds `@type` (`core.k8s.io/v1.Pod`) to logged objects; the apiserver's objects never have it. */
function withoutType(v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (!isObject(v) || !Object.hasOwn(v, '@type')) return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => k !== '@type'));
}

const isDenied = (infos: unknown[] | undefined): boolean => (infos ?? []).some((i) => isObject(i) && own(i, 'granted') === false);

function originOf(entry: JsonObject): Partial<Origin> {
  const labels = optObject(optObject(entry, 'resource', 'resource'), 'labels', 'resource.labels');
  const fields: Partial<Origin> = {
    account: optString(labels, 'project_id', 'resource.labels.project_id'),
    region: optString(labels, 'location', 'resource.labels.location'),
    cluster: optString(labels, 'cluster_name', 'resource.labels.cluster_name'),
    logGroup: optString(entry, 'logName', 'logName'),
    eventId: optString(entry, 'insertId', 'insertId'),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/** True for a LogEntry object (or a non-empty array of them) with a protoPayload, as `gcloud logging read` prints. */
export function isLogEntryShape(payload: unknown): boolean {
  const first = Array.isArray(payload) ? payload[0] : payload;
  return (
    isObject(first) &&
    isObject(own(first, 'protoPayload')) &&
    (isObject(own(first, 'resource')) || typeof own(first, 'logName') === 'string' || typeof own(first, 'insertId') === 'string')
  );
}

/** Parses one LogEntry or an array of them, each a separate record. */
function parse(payload: unknown, ctx: AdapterContext = {}): AdapterResult {
  const out = emptyResult();
  const many = Array.isArray(payload);
  const entries: unknown[] = many ? payload : [payload];
  entries.forEach((entry, i) => {
    const coords = ctx.file !== undefined ? { file: ctx.file } : {};
    const where = many ? { ...coords, record: i } : coords;
    const result = convertLogEntry(entry, { ...ctx.origin, ...coords });
    if (result.kind === 'event') out.events.push(result.event);
    else if (result.kind === 'skip') out.skipped++;
    else out.rejects.push(makeReject(GKE_LOGENTRY_ADAPTER, where, result.reason, entry));
  });
  return out;
}

/** GKE audit LogEntries as `gcloud logging read --format=json` or a log export writes them. */
export const gkeLogEntryAdapter: Adapter = { name: GKE_LOGENTRY_ADAPTER, matches: isLogEntryShape, parse };
