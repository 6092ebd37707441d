import { isObject, own, type JsonObject } from '../event/own.ts';
import type { Origin } from '../event/types.ts';
import { byteLimit, decodeBase64, describeValue, gunzip, parseAuditJson, parseJson } from './decode.ts';
import { makeReject, type Reject, type RejectWhere } from './reject.ts';
import { emptyResult, type Adapter, type AdapterContext, type AdapterResult } from './types.ts';

export const EKS_CLOUDWATCH_ADAPTER = 'eks-cloudwatch';

const CLUSTER_LOG_GROUP = /^\/aws\/eks\/([^/]+)\/cluster$/;
const AUDIT_STREAM_PREFIX = 'kube-apiserver-audit-';
/** Streams of the EKS control-plane log group that never hold audit events (checked after the audit prefix). */
const OTHER_EKS_STREAM_PREFIXES = [
  'kube-apiserver-',
  'authenticator-',
  'kube-controller-manager-',
  'kube-scheduler-',
  'cloud-controller-manager-',
] as const;

/** True for a non-audit EKS control-plane stream: its records are skipped, not rejected. */
export function isOtherEksStream(stream: string): boolean {
  if (stream.startsWith(AUDIT_STREAM_PREFIX)) return false;
  return OTHER_EKS_STREAM_PREFIXES.some((p) => stream.startsWith(p));
}

/**
 * Decodes one CloudWatch Logs subscription payload (base64 of gzip of JSON) into audit events.
 * `adapter` names the rejects (the Kinesis adapter reuses this); ctx.origin supplies region and any
 * delivery coordinates (Kinesis sequence number, shard) that the payload itself lacks.
 */
export function parseCloudWatchLogsData(data: string, ctx: AdapterContext = {}, adapter = EKS_CLOUDWATCH_ADAPTER): AdapterResult {
  const result = emptyResult();
  const where = deliveryWhere(ctx);
  const limit = byteLimit(ctx);
  const bytes = decodeBase64(data, limit);
  if (!bytes.ok) return withReject(result, makeReject(adapter, where, bytes.reason, data));
  const text = gunzip(bytes.value, limit);
  if (!text.ok) return withReject(result, makeReject(adapter, where, text.reason, data));
  const json = parseJson(text.value);
  if (!json.ok) return withReject(result, makeReject(adapter, where, json.reason, text.value));
  readMessage(json.value, ctx, adapter, where, result);
  return result;
}

/** Reads an already-decoded CloudWatch Logs message (what `awslogs.data` decodes to); `kadet replay` builds these from FilterLogEvents pages. */
export function parseCloudWatchLogsMessage(msg: unknown, ctx: AdapterContext = {}, adapter = EKS_CLOUDWATCH_ADAPTER): AdapterResult {
  const result = emptyResult();
  readMessage(msg, ctx, adapter, deliveryWhere(ctx), result);
  return result;
}

function readMessage(msg: unknown, ctx: AdapterContext, adapter: string, where: RejectWhere, result: AdapterResult): void {
  const bad = (why: string): void => void result.rejects.push(makeReject(adapter, where, `envelope: ${why}`, msg));
  if (!isObject(msg)) return bad(`expected a CloudWatch Logs message object, got ${describeValue(msg)}`);
  const type = own(msg, 'messageType');
  if (type === 'CONTROL_MESSAGE') {
    result.control++;
    return;
  }
  if (type !== 'DATA_MESSAGE') return bad(`messageType: expected DATA_MESSAGE or CONTROL_MESSAGE, got ${describeValue(type)}`);
  const owner = own(msg, 'owner');
  const logGroup = own(msg, 'logGroup');
  const logStream = own(msg, 'logStream');
  const logEvents = own(msg, 'logEvents');
  if (typeof owner !== 'string') return bad(`owner: expected a string, got ${describeValue(owner)}`);
  if (typeof logGroup !== 'string') return bad(`logGroup: expected a string, got ${describeValue(logGroup)}`);
  if (typeof logStream !== 'string') return bad(`logStream: expected a string, got ${describeValue(logStream)}`);
  if (!Array.isArray(logEvents)) return bad(`logEvents: expected an array, got ${describeValue(logEvents)}`);
  // Any other stream name (a self-managed cluster shipping audit logs to its own group) is read as audit:
  // a subscription on the wrong group then shows up as rejects rather than as silence.
  if (isOtherEksStream(logStream)) {
    result.skipped += logEvents.length;
    return;
  }
  const origin: Origin = { ...ctx.origin, provider: 'eks', account: owner, logGroup, logStream };
  const cluster = CLUSTER_LOG_GROUP.exec(logGroup)?.[1];
  if (cluster !== undefined) origin.cluster = cluster;
  const streamWhere: RejectWhere = { ...where, logGroup, logStream };
  logEvents.forEach((logEvent, record) => readLogEvent(logEvent, record, origin, streamWhere, adapter, result));
}

function readLogEvent(logEvent: unknown, record: number, base: Origin, streamWhere: RejectWhere, adapter: string, result: AdapterResult): void {
  const eventId = isObject(logEvent) ? idOf(logEvent) : undefined;
  const where: RejectWhere = eventId === undefined ? { ...streamWhere, record } : { ...streamWhere, eventId, record };
  const message = isObject(logEvent) ? own(logEvent, 'message') : undefined;
  if (typeof message !== 'string') {
    const why = isObject(logEvent) ? `message: expected a string, got ${describeValue(message)}` : `expected a log event object, got ${describeValue(logEvent)}`;
    result.rejects.push(makeReject(adapter, where, `envelope: logEvents[${record}] ${why}`, logEvent));
    return;
  }
  const event = parseAuditJson(message);
  if (!event.ok) {
    result.rejects.push(makeReject(adapter, where, event.reason, message));
    return;
  }
  result.events.push({ event: event.value, origin: eventId === undefined ? { ...base } : { ...base, eventId } });
}

/** CloudWatch event ids are numeric strings; tolerate a number, ignore anything else. */
function idOf(logEvent: JsonObject): string | undefined {
  const id = own(logEvent, 'id');
  if (typeof id === 'string') return id;
  return typeof id === 'number' && Number.isFinite(id) ? String(id) : undefined;
}

/** Delivery coordinates the caller knows (Kinesis sequence number and shard, source file) for reject locations. */
function deliveryWhere(ctx: AdapterContext): RejectWhere {
  const where: RejectWhere = {};
  if (ctx.origin?.sequenceNumber !== undefined) where.sequenceNumber = ctx.origin.sequenceNumber;
  if (ctx.origin?.partition !== undefined) where.partition = ctx.origin.partition;
  if (ctx.file !== undefined) where.file = ctx.file;
  return where;
}

function withReject(result: AdapterResult, reject: Reject): AdapterResult {
  result.rejects.push(reject);
  return result;
}

/** The `awslogs.data` string of a Lambda CloudWatch Logs event, or undefined when the shape differs. */
function awslogsData(payload: unknown): string | undefined {
  if (!isObject(payload)) return undefined;
  const awslogs = own(payload, 'awslogs');
  if (!isObject(awslogs)) return undefined;
  const data = own(awslogs, 'data');
  return typeof data === 'string' ? data : undefined;
}

/**
 * An already-decoded subscription message (`{messageType, owner, logGroup, logStream, logEvents}`), as a
 * Firehose delivery of the subscription writes to S3; `kadet scan` reads such exports.
 */
function isDecodedMessage(payload: unknown): boolean {
  if (!isObject(payload)) return false;
  const type = own(payload, 'messageType');
  return (type === 'DATA_MESSAGE' || type === 'CONTROL_MESSAGE') && own(payload, 'logEvents') !== undefined;
}

/** Lambda CloudWatch Logs subscription events `{awslogs:{data}}` from an EKS control-plane log group (or their decoded messages). */
export const eksCloudWatchAdapter: Adapter = {
  name: EKS_CLOUDWATCH_ADAPTER,
  matches: (payload) => awslogsData(payload) !== undefined || isDecodedMessage(payload),
  parse(payload, ctx = {}) {
    const data = awslogsData(payload);
    if (data !== undefined) return parseCloudWatchLogsData(data, ctx);
    if (isDecodedMessage(payload)) return parseCloudWatchLogsMessage(payload, ctx);
    const result = emptyResult();
    const reason = `envelope: expected {awslogs:{data: string}}, got ${describeValue(payload)}`;
    return withReject(result, makeReject(EKS_CLOUDWATCH_ADAPTER, deliveryWhere(ctx), reason, payload));
  },
};
