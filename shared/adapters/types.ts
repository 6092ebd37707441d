import type { CanonicalEvent, Origin } from '../event/types.ts';
import type { Reject } from './reject.ts';

/** Decompressed payloads larger than this are rejected, so a gzip bomb is a Reject, not an OOM. */
export const DEFAULT_MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

/** What the entry point knows that the payload does not carry (region, cluster override, trigger metadata). */
export interface AdapterContext {
  /** Origin fields to apply to every event (e.g. region from the Lambda ARN, cluster from the webhook path). */
  origin?: Partial<Origin>;
  /** Cap on any gunzip/base64 output; default DEFAULT_MAX_DECOMPRESSED_BYTES. */
  maxDecompressedBytes?: number;
  /** Azure Event Hub trigger metadata arrays, aligned with the messages of a batch. */
  eventHub?: {
    partitionId?: string;
    sequenceNumbers?: (string | number)[];
    offsets?: (string | number)[];
    enqueuedTimes?: string[];
  };
  /** Where the payload came from when read from a file (for reject locations). */
  file?: string;
}

/** One adapter's output: events ready for the engine, rejects with reasons, and what it deliberately passed over. */
export interface AdapterResult {
  events: CanonicalEvent[];
  rejects: Reject[];
  /** Records that are not audit events by design (other log streams, other diagnostic categories). */
  skipped: number;
  /** CloudWatch Logs control messages: neither events nor errors. */
  control: number;
}

/** An input format: recognises its payload shape and turns it into canonical events. Never throws. */
export interface Adapter {
  name: string;
  /** True when the payload has this format's shape (used by `sniff`). */
  matches(payload: unknown): boolean;
  parse(payload: unknown, ctx?: AdapterContext): AdapterResult;
}

/** An empty result to fill in. */
export function emptyResult(): AdapterResult {
  return { events: [], rejects: [], skipped: 0, control: 0 };
}
