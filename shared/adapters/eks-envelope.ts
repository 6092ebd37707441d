// The inverse of the EKS adapters: wraps audit events exactly as CloudWatch Logs and Kinesis deliver
// them, for tests and for the sample payloads in events/. Deterministic, so generated samples are stable.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { AuditEvent } from '../event/types.ts';

export interface CloudWatchLogEvent {
  id: string;
  timestamp: number;
  message: string;
}

/** The decoded `awslogs.data` document. */
export interface CloudWatchLogsMessage {
  messageType: 'DATA_MESSAGE' | 'CONTROL_MESSAGE';
  owner: string;
  logGroup: string;
  logStream: string;
  subscriptionFilters: string[];
  logEvents: CloudWatchLogEvent[];
}

export interface CloudWatchSubscriptionEvent {
  awslogs: { data: string };
}

export interface CloudWatchOptions {
  cluster: string;
  /** 12-digit AWS account id (the message's `owner`). */
  account: string;
  /** Log stream; default a `kube-apiserver-audit-<32 hex>` name derived from the cluster. */
  stream?: string;
  filterName?: string;
}

// CloudWatch event ids are 56-digit decimal strings; consecutive events of a batch differ in the low digits.
const FIRST_EVENT_ID = 37_879_823_512_135_417_466_331_397_837_584_722_290_127_025_823_245_926_400n;

const hex32 = (seed: string): string => createHash('sha256').update(seed).digest('hex').slice(0, 32);

const epochMs = (e: AuditEvent): number => {
  const ms = Date.parse(e.stageTimestamp ?? e.requestReceivedTimestamp ?? '');
  return Number.isNaN(ms) ? 0 : ms;
};

/** The decoded DATA_MESSAGE an EKS audit stream's subscription filter delivers for these events. */
export function cloudWatchLogsMessage(events: readonly AuditEvent[], opts: CloudWatchOptions): CloudWatchLogsMessage {
  return {
    messageType: 'DATA_MESSAGE',
    owner: opts.account,
    logGroup: `/aws/eks/${opts.cluster}/cluster`,
    logStream: opts.stream ?? `kube-apiserver-audit-${hex32(opts.cluster)}`,
    subscriptionFilters: [opts.filterName ?? 'kadet-audit'],
    logEvents: events.map((e, i) => ({ id: String(FIRST_EVENT_ID + BigInt(i)), timestamp: epochMs(e), message: JSON.stringify(e) })),
  };
}

/** The CONTROL_MESSAGE CloudWatch Logs sends to check a destination is reachable. */
export function cloudWatchControlMessage(destination = 'Kinesis stream'): CloudWatchLogsMessage {
  return {
    messageType: 'CONTROL_MESSAGE',
    owner: 'CloudwatchLogs',
    logGroup: '',
    logStream: '',
    subscriptionFilters: [],
    logEvents: [{ id: '', timestamp: 1_498_519_943_285, message: `CWL CONTROL MESSAGE: Checking health of destination ${destination}.` }],
  };
}

/** base64 of gzip of JSON: the `awslogs.data` / Kinesis `data` encoding of any document. */
export function encodeCloudWatchLogsData(message: unknown): string {
  return gzipSync(JSON.stringify(message)).toString('base64');
}

/** A Lambda CloudWatch Logs subscription event carrying these audit events. */
export function toCloudWatchSubscriptionEvent(events: readonly AuditEvent[], opts: CloudWatchOptions): CloudWatchSubscriptionEvent {
  return { awslogs: { data: encodeCloudWatchLogsData(cloudWatchLogsMessage(events, opts)) } };
}

/** A Lambda CloudWatch Logs event carrying a control message. */
export function toCloudWatchControlMessage(): CloudWatchSubscriptionEvent {
  return { awslogs: { data: encodeCloudWatchLogsData(cloudWatchControlMessage('Lambda function')) } };
}

export interface KinesisOptions {
  region: string;
  account: string;
  streamName?: string;
  shardId?: string;
}

export interface KinesisEventRecord {
  kinesis: {
    kinesisSchemaVersion: string;
    partitionKey: string;
    sequenceNumber: string;
    data: string;
    approximateArrivalTimestamp: number;
  };
  eventSource: 'aws:kinesis';
  eventVersion: string;
  eventID: string;
  eventName: string;
  invokeIdentityArn: string;
  awsRegion: string;
  eventSourceARN: string;
}

export interface KinesisEvent {
  Records: KinesisEventRecord[];
}

// Kinesis sequence numbers are 56-digit decimal strings, increasing within a shard.
const FIRST_SEQUENCE_NUMBER = 49_590_338_271_490_256_608_559_692_538_361_571_095_921_575_989_136_588_898n;

/** A Lambda Kinesis event, one record per CloudWatch payload (already-encoded data or a message to encode). */
export function toKinesisEvent(cwPayloads: readonly (string | CloudWatchLogsMessage)[], opts: KinesisOptions): KinesisEvent {
  const stream = opts.streamName ?? 'kadet-eks-audit';
  const shard = opts.shardId ?? 'shardId-000000000000';
  return {
    Records: cwPayloads.map((payload, i) => {
      const data = typeof payload === 'string' ? payload : encodeCloudWatchLogsData(payload);
      const sequenceNumber = String(FIRST_SEQUENCE_NUMBER + BigInt(i));
      return {
        kinesis: {
          kinesisSchemaVersion: '1.0',
          partitionKey: hex32(data),
          sequenceNumber,
          data,
          approximateArrivalTimestamp: 1_763_630_043.123 + i / 1000,
        },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: `${shard}:${sequenceNumber}`,
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: `arn:aws:iam::${opts.account}:role/kadet-eks-kinesis`,
        awsRegion: opts.region,
        eventSourceARN: `arn:aws:kinesis:${opts.region}:${opts.account}:stream/${stream}`,
      };
    }),
  };
}
