import type { CanonicalEvent, Origin } from '../../event/types.ts';
import { eventsFromJson } from '../dispatch.ts';
import { makeReject, type Reject } from '../reject.ts';
import { MAX_LINE_BYTES, openBytes, splitLineBatches, type LineItem } from './lines.ts';

export const LOGFILE_ADAPTER = 'logfile';

/** Largest whole-document file (a pretty-printed JSON export) read into memory at once. */
export const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;

export type LogFileItem =
  | { kind: 'event'; event: CanonicalEvent }
  | { kind: 'reject'; reject: Reject }
  | { kind: 'skipped'; count: number; control: number };

export interface LogFileOptions {
  /** Origin fields applied to every event (e.g. a cluster name given on the command line). */
  origin?: Partial<Origin>;
  maxLineBytes?: number;
  maxDocumentBytes?: number;
}

/**
 * Streams a file of audit events or cloud exports: JSON lines (apiserver log backend, one record per
 * line in any format kadet reads) or one JSON document (a pretty-printed export or trigger payload).
 * Gzip is detected by content; `-` is stdin. A bad record never stops the file; an unreadable file
 * or corrupt gzip is one reject after whatever was read.
 */
export async function* readAuditLogFile(path: string, opts: LogFileOptions = {}): AsyncGenerator<LogFileItem> {
  for await (const batch of readAuditLogBatches(path, opts)) yield* batch;
}

/**
 * The same items, a read chunk at a time: the form the scan hot path consumes. Each chunk's items
 * are decoded lazily as the caller iterates them, so every parsed event can be evaluated and
 * dropped before the next line is parsed: holding a whole chunk of parsed events (~1 MiB of JSON)
 * makes them outlive V8's young generation, and promoting them cost more than the rules did.
 * Consume each chunk fully before asking for the next one.
 */
export async function* readAuditLogBatches(path: string, opts: LogFileOptions = {}): AsyncGenerator<Iterable<LogFileItem>> {
  const state: ReadState = {
    file: path === '-' ? '<stdin>' : path,
    origin: opts.origin,
    maxLine: opts.maxLineBytes ?? MAX_LINE_BYTES,
    maxDocument: opts.maxDocumentBytes ?? MAX_DOCUMENT_BYTES,
    lastLine: 0,
    document: undefined,
    documentBytes: 0,
    stopped: false,
  };
  const { file } = state;
  try {
    for await (const lines of splitLineBatches(openBytes(path), state.maxLine)) {
      yield decodeLines(lines, state);
      if (state.stopped) return;
    }
    if (state.document) {
      const parsed = parseJson(state.document.join('\n'));
      if (parsed?.ok) {
        const out: LogFileItem[] = [];
        fromValue(parsed.value, { ...opts.origin, file }, out);
        yield out;
      } else if (!state.document.some((line) => parseJson(line)?.ok === true)) {
        // No line stands on its own either: one broken document, one reject.
        yield [reject(file, 1, `json: neither JSON lines nor one JSON document: ${parsed?.error ?? 'empty'}`, state.document.slice(0, 20).join('\n'))];
      } else {
        // JSON lines after a bad first line (cut off by rotation, say): only the bad lines are rejected,
        // and every good record after them is still evaluated.
        const lines = state.document.map((text, i): LineItem => ({ kind: 'line', line: i + 1, text }));
        state.document = undefined;
        state.asLines = true;
        yield decodeLines(lines, state);
      }
    }
  } catch (err) {
    yield [reject(file, state.lastLine + 1, `read: failed after line ${state.lastLine}: ${(err as Error).message}`, '')];
  }
}

/** What decoding carries from one chunk to the next. */
interface ReadState {
  readonly file: string;
  readonly origin: Partial<Origin> | undefined;
  readonly maxLine: number;
  readonly maxDocument: number;
  lastLine: number;
  /** Set once the file turns out to be one multi-line JSON document. */
  document: string[] | undefined;
  documentBytes: number;
  /** The document outgrew maxDocument: nothing more is read. */
  stopped: boolean;
  /** A would-be document turned out not to be one: its lines are records. */
  asLines?: boolean;
}

/** Decodes one chunk's lines into items, one line per step of the iteration. */
function* decodeLines(lines: readonly LineItem[], state: ReadState): Generator<LogFileItem> {
  const { file, maxLine, maxDocument } = state;
  const out: LogFileItem[] = [];
  for (const item of lines) {
    state.lastLine = item.line;
    if (item.kind === 'oversized') {
      yield reject(file, item.line, `line-too-long: ${item.bytes} bytes, over the ${maxLine}-byte limit`, item.head);
      continue;
    }
    if (state.document) {
      state.documentBytes += item.text.length + 1;
      if (state.documentBytes > maxDocument) {
        yield reject(file, 1, `document-too-large: over ${maxDocument} bytes`, state.document[0] ?? '');
        state.stopped = true;
        return;
      }
      state.document.push(item.text);
      continue;
    }
    // A UTF-8 byte-order mark (Windows tools write one) is not JSON: drop it from the first line.
    const text = item.line === 1 && item.text.charCodeAt(0) === 0xfeff ? item.text.slice(1) : item.text;
    const parsed = parseJson(text);
    if (parsed === undefined) continue;
    if (!parsed.ok && item.line === 1 && !state.asLines && /^\s*[[{]/.test(text)) {
      state.document = [text];
      state.documentBytes = text.length + 1;
      continue;
    }
    if (!parsed.ok) {
      yield reject(file, item.line, `json: ${parsed.error}`, text);
      continue;
    }
    // Not `{ ...state.origin, file, line }`: see the Object.assign in eventsFromJson (once per line here).
    fromValue(parsed.value, Object.assign({}, state.origin, { file, line: item.line }), out);
    yield* out;
    out.length = 0;
  }
}

function fromValue(value: unknown, origin: Partial<Origin> & { file: string }, out: LogFileItem[]): void {
  const result = eventsFromJson(value, { origin, file: origin.file });
  for (const event of result.events) out.push({ kind: 'event', event });
  for (const r of result.rejects) out.push({ kind: 'reject', reject: r });
  if (result.skipped > 0 || result.control > 0) out.push({ kind: 'skipped', count: result.skipped, control: result.control });
}

type Parsed = { ok: true; value: unknown } | { ok: false; error: string } | undefined;

/** JSON.parse without throwing; undefined for a blank line. */
function parseJson(text: string): Parsed {
  if (text.length === 0 || text.trim().length === 0) return undefined;
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

function reject(file: string, line: number, reason: string, raw: string): LogFileItem {
  return { kind: 'reject', reject: makeReject(LOGFILE_ADAPTER, { file, line }, reason, raw) };
}
