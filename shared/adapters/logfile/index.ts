import { EventValidationError } from '../../event/errors.ts';
import { parseAuditEvent } from '../../event/parse.ts';
import type { CanonicalEvent, Origin } from '../../event/types.ts';
import { makeReject, type Reject } from '../reject.ts';
import { MAX_LINE_BYTES, openBytes, splitLines } from './lines.ts';

export const LOGFILE_ADAPTER = 'logfile';

export type LogFileItem = { kind: 'event'; event: CanonicalEvent } | { kind: 'reject'; reject: Reject };

export interface LogFileOptions {
  /** Origin fields applied to every event (e.g. a cluster name given on the command line). */
  origin?: Partial<Origin>;
  maxLineBytes?: number;
}

/**
 * Streams an apiserver log-backend file (JSON lines, gzip detected by content, `-` = stdin) as events
 * and rejects. A bad line never stops the file; an unreadable file or corrupt gzip is one reject.
 */
export async function* readAuditLogFile(path: string, opts: LogFileOptions = {}): AsyncGenerator<LogFileItem> {
  const file = path === '-' ? '<stdin>' : path;
  let lastLine = 0;
  try {
    for await (const item of splitLines(openBytes(path), opts.maxLineBytes ?? MAX_LINE_BYTES)) {
      lastLine = item.line;
      if (item.kind === 'oversized') {
        const reason = `line-too-long: ${item.bytes} bytes, over the ${opts.maxLineBytes ?? MAX_LINE_BYTES}-byte limit`;
        yield { kind: 'reject', reject: makeReject(LOGFILE_ADAPTER, { file, line: item.line }, reason, item.head) };
        continue;
      }
      const parsed = parseLine(item.text, file, item.line, opts.origin);
      if (parsed) yield parsed;
    }
  } catch (err) {
    const reason = `read: failed after line ${lastLine}: ${(err as Error).message}`;
    yield { kind: 'reject', reject: makeReject(LOGFILE_ADAPTER, { file, line: lastLine + 1 }, reason, '') };
  }
}

/** Parses one JSON line into an event or a reject; blank lines are neither. */
export function parseLine(text: string, file: string, line: number, origin?: Partial<Origin>): LogFileItem | undefined {
  if (text.length === 0 || text.trim().length === 0) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return reject(file, line, `json: ${(err as Error).message}`, text);
  }
  try {
    const event = parseAuditEvent(json);
    return { kind: 'event', event: { event, origin: { provider: 'file', ...origin, file, line } } };
  } catch (err) {
    const why = err instanceof EventValidationError ? err.message : `unexpected ${String(err)}`;
    return reject(file, line, `event: ${why}`, text);
  }
}

function reject(file: string, line: number, reason: string, raw: string): LogFileItem {
  return { kind: 'reject', reject: makeReject(LOGFILE_ADAPTER, { file, line }, reason, raw) };
}
