import { createHash } from 'node:crypto';
import { formatWhere, type Reject } from '../adapters/reject.ts';
import { DeliveryError } from './errors.ts';
import { defaultHttpClient } from './http.ts';
import { headersOf, requireUrl } from './sinks/common.ts';
import { attributeBytes, SNS_MAX_BYTES, type SnsEntry } from './sinks/sns-format.ts';
import { defaultSnsClient, publishAll } from './sinks/sns-publish.ts';
import { topicOf } from './sinks/sns.ts';
import type { ResolvedSinkSpec, SendResult, SinkDeps } from './sinks/types.ts';
import { toAscii, truncateUtf8, utf8Bytes } from './text.ts';

/** Where rejected records go besides the log: the same SNS topics and webhooks sinks use. */
export interface RejectTarget {
  readonly name: string;
  send(rejects: Reject[]): Promise<SendResult>;
}

export type RejectTargetFactory = (spec: ResolvedSinkSpec, deps: SinkDeps) => RejectTarget;

/** The structured form of a reject, shared by the log line and the webhook body. */
export function rejectRecord(r: Reject): Record<string, unknown> {
  return { kadet: 'reject', adapter: r.adapter, reason: r.reason, at: formatWhere(r.where), where: r.where, raw: r.raw };
}

/** `[kadet] rejected eks record - json: Unexpected token` as an SNS entry: facts, then the raw record. */
export function rejectSnsEntry(r: Reject): SnsEntry {
  const subject = truncateAscii(`[kadet] rejected ${r.adapter} record - ${r.reason}`, 99);
  const attributes = { kind: 'reject', adapter: r.adapter };
  const head = [`kadet could not read a ${r.adapter} record.`, '', `  Reason: ${r.reason}`, `  Where:  ${formatWhere(r.where)}`, '', '-- raw record --', ''].join('\n');
  const budget = SNS_MAX_BYTES - utf8Bytes(subject) - attributeBytes(attributes) - utf8Bytes(head);
  // FIFO topics need a deduplication id; the same reject redelivered gets the same one.
  const dedupId = createHash('sha256').update(JSON.stringify([r.adapter, r.where, r.reason, r.raw])).digest('hex');
  return { subject, message: head + truncateUtf8(r.raw, budget), attributes, dedupId };
}

function truncateAscii(s: string, max: number): string {
  const a = toAscii(s);
  return a.length <= max ? a : `${a.slice(0, max - 3)}...`;
}

/** Rejects per webhook POST: at most ~0.5 MiB of raw records. */
export const REJECTS_PER_POST = 100;

/** Dead-letter target types by scheme. */
export const rejectTargetFactories: ReadonlyMap<string, RejectTargetFactory> = new Map<string, RejectTargetFactory>([
  [
    'sns',
    (spec, deps) => {
      const { topicArn, region } = topicOf(spec);
      const client = (deps.snsClient ?? defaultSnsClient)(region);
      return { name: spec.name, send: (rejects) => publishAll(client, topicArn, rejects, rejectSnsEntry) };
    },
  ],
  [
    'webhook',
    (spec, deps) => {
      const target = { url: requireUrl(spec).href, headers: headersOf(spec) };
      const http = deps.http ?? defaultHttpClient;
      // A dead-letter store, unlike Falcosidekick, takes a list: one POST per slice of a batch, each small
      // enough (a reject keeps at most 4 KiB of raw record) that no receiver's body limit refuses it forever.
      return {
        name: spec.name,
        send: async (rejects) => {
          for (let i = 0; i < rejects.length; i += REJECTS_PER_POST) {
            try {
              await http.postJson(target, { kadet: 'rejects', items: rejects.slice(i, i + REJECTS_PER_POST).map(rejectRecord) });
            } catch (err) {
              // What went out already stays out: a retry re-sends only the rest.
              if (!(err instanceof DeliveryError) || i === 0) throw err;
              const { retryable, status, retryAfterMs } = err;
              throw new DeliveryError(err.message, { retryable, pending: rejects.slice(i), cause: err, ...(status === undefined ? {} : { status }), ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
            }
          }
          return { sent: rejects.length };
        },
      };
    },
  ],
]);
