import type { Origin } from '../event/types.ts';

/** How much of a bad record a Reject keeps: enough to see what it was, never a whole payload. */
export const REJECT_RAW_LIMIT = 4096;

/** The longest reason kept: reasons quote field paths, and a hostile key can be any length. */
export const REJECT_REASON_LIMIT = 512;

/** Where a rejected record was: delivery coordinates plus its index in the payload. */
export type RejectWhere = Partial<Origin> & { record?: number; message?: number };

/** A record an adapter could not turn into an event: kept, counted and reported, never dropped. */
export interface Reject {
  adapter: string;
  where: RejectWhere;
  /** Which step failed (`base64`, `gunzip`, `json`, `event`, …) and why. */
  reason: string;
  /** The raw record, truncated to REJECT_RAW_LIMIT characters. */
  raw: string;
}

/** Builds a Reject, truncating the raw record text. */
export function makeReject(adapter: string, where: RejectWhere, reason: string, raw: unknown): Reject {
  let text: string;
  if (typeof raw === 'string') text = raw;
  else if (Buffer.isBuffer(raw)) text = raw.subarray(0, REJECT_RAW_LIMIT).toString('utf8');
  else {
    try {
      text = JSON.stringify(raw) ?? String(raw);
    } catch {
      text = String(raw);
    }
  }
  if (text.length > REJECT_RAW_LIMIT) text = text.slice(0, REJECT_RAW_LIMIT - 1) + '…';
  const why = reason.length > REJECT_REASON_LIMIT ? reason.slice(0, REJECT_REASON_LIMIT - 1) + '…' : reason;
  return { adapter, where, reason: why, raw: text };
}

/** Renders where a reject came from as one short human-readable string. */
export function formatWhere(w: RejectWhere): string {
  const parts: string[] = [];
  if (w.file !== undefined) parts.push(w.line !== undefined ? `${w.file}:${w.line}` : w.file);
  if (w.logGroup !== undefined) parts.push(w.logGroup);
  if (w.logStream !== undefined) parts.push(w.logStream);
  if (w.eventId !== undefined) parts.push(`event ${w.eventId}`);
  if (w.messageId !== undefined) parts.push(`message ${w.messageId}`);
  if (w.partition !== undefined) parts.push(`partition ${w.partition}`);
  if (w.sequenceNumber !== undefined) parts.push(`seq ${w.sequenceNumber}`);
  if (w.message !== undefined) parts.push(`message #${w.message}`);
  if (w.record !== undefined) parts.push(`record ${w.record}`);
  return parts.join(' ') || '(payload)';
}
