import { isObject, own } from '../event/own.ts';
import type { Origin } from '../event/types.ts';
import { describeValue } from './decode.ts';
import { parseCloudWatchLogsData } from './eks-cloudwatch.ts';
import { makeReject, type Reject } from './reject.ts';
import { emptyResult, type Adapter, type AdapterContext, type AdapterResult } from './types.ts';

export const EKS_KINESIS_ADAPTER = 'eks-kinesis';

/** One Kinesis record's outcome, keyed by the sequence number Lambda wants back in `batchItemFailures`. */
export interface KinesisRecordResult {
  sequenceNumber: string;
  result: AdapterResult;
}

/** A Kinesis batch split per record; `rejects` are records that cannot even be identified (no sequence number). */
export interface KinesisBatch {
  records: KinesisRecordResult[];
  rejects: Reject[];
}

/**
 * Splits a Lambda Kinesis event into per-record results, each record's `data` being a CloudWatch Logs
 * subscription payload. Region comes from record.awsRegion; sequence number and shard go into the origin.
 */
export function parseKinesisRecords(payload: unknown, ctx: AdapterContext = {}): KinesisBatch {
  const batch: KinesisBatch = { records: [], rejects: [] };
  const records = isObject(payload) ? own(payload, 'Records') : undefined;
  if (!Array.isArray(records)) {
    const reason = `envelope: expected {Records: [...]}, got ${describeValue(isObject(payload) ? records : payload)}`;
    batch.rejects.push(makeReject(EKS_KINESIS_ADAPTER, {}, reason, payload));
    return batch;
  }
  records.forEach((record: unknown, index) => {
    const kinesis = isObject(record) ? own(record, 'kinesis') : undefined;
    const sequenceNumber = isObject(kinesis) ? own(kinesis, 'sequenceNumber') : undefined;
    if (!isObject(record) || !isObject(kinesis) || typeof sequenceNumber !== 'string') {
      const reason = `envelope: Records[${index}] has no kinesis.sequenceNumber string`;
      batch.rejects.push(makeReject(EKS_KINESIS_ADAPTER, { record: index }, reason, record));
      return;
    }
    const origin: Partial<Origin> = { ...ctx.origin, sequenceNumber };
    const region = own(record, 'awsRegion');
    if (typeof region === 'string') origin.region = region;
    const shard = shardOf(own(record, 'eventID'));
    if (shard !== undefined) origin.partition = shard;
    const data = own(kinesis, 'data');
    const result =
      typeof data === 'string'
        ? parseCloudWatchLogsData(data, { ...ctx, origin }, EKS_KINESIS_ADAPTER)
        : missingData(data, sequenceNumber, origin.partition, index, record);
    batch.records.push({ sequenceNumber, result });
  });
  return batch;
}

/** eventID is `shardId-000000000000:<sequenceNumber>`; the shard is the stream's partition. */
function shardOf(eventId: unknown): string | undefined {
  if (typeof eventId !== 'string') return undefined;
  const colon = eventId.indexOf(':');
  return colon > 0 ? eventId.slice(0, colon) : undefined;
}

function missingData(data: unknown, sequenceNumber: string, partition: string | undefined, record: number, raw: unknown): AdapterResult {
  const result = emptyResult();
  const where = partition === undefined ? { sequenceNumber, record } : { sequenceNumber, partition, record };
  result.rejects.push(makeReject(EKS_KINESIS_ADAPTER, where, `envelope: kinesis.data: expected a string, got ${describeValue(data)}`, raw));
  return result;
}

/** Flattens a per-record batch into one result (the pipeline's view). */
export function flattenKinesisBatch(batch: KinesisBatch): AdapterResult {
  const out = emptyResult();
  for (const r of batch.rejects) out.rejects.push(r);
  for (const { result } of batch.records) {
    for (const e of result.events) out.events.push(e);
    for (const r of result.rejects) out.rejects.push(r);
    out.skipped += result.skipped;
    out.control += result.control;
  }
  return out;
}

function isKinesisEvent(payload: unknown): boolean {
  if (!isObject(payload)) return false;
  const records = own(payload, 'Records');
  if (!Array.isArray(records) || records.length === 0) return false;
  const first: unknown = records[0];
  return isObject(first) && own(first, 'eventSource') === 'aws:kinesis' && isObject(own(first, 'kinesis'));
}

/** Lambda Kinesis events whose records carry CloudWatch Logs subscription payloads (EKS at high volume). */
export const eksKinesisAdapter: Adapter = {
  name: EKS_KINESIS_ADAPTER,
  matches: isKinesisEvent,
  parse: (payload, ctx = {}) => flattenKinesisBatch(parseKinesisRecords(payload, ctx)),
};
