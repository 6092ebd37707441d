import { RuleLoadError, type ConditionError, type ItemRef, type RuleLoadErrorCode } from '../errors.ts';
import type { LoadNotice, LoadRequirements } from '../types.ts';
import type { ItemAt } from './items.ts';
import type { Origin } from './origin.ts';
import type { SourceFile } from './source-file.ts';

/** A RuleLoadError at a character offset of a file. */
export function errorAt(file: SourceFile, offset: number, code: RuleLoadErrorCode, message: string, item?: ItemRef, rule?: string): RuleLoadError {
  const p = file.pos(offset);
  const location = { file: p.file, line: p.line, column: p.column, ...(rule === undefined ? {} : { rule }) };
  return new RuleLoadError(message, code, location, { ...(item ? { item } : {}), sourceLine: p.lineText });
}

function isOrigin(x: unknown): x is Origin {
  return typeof (x as Origin | undefined)?.locate === 'function';
}

/**
 * Converts an error found inside condition/output text into a file error. The text's own origin
 * wins over the fallback, so an error inside an inlined macro points into that macro.
 */
export function fromConditionError(e: ConditionError, fallback: Origin, item: ItemRef, rule?: string): RuleLoadError {
  const origin = isOrigin(e.src) ? e.src : fallback;
  const p = origin.locate(e.offset);
  const location = { file: p.file, line: p.line, column: p.column, ...(rule === undefined ? {} : { rule }) };
  return new RuleLoadError(e.message, e.code, location, { item: origin.item ?? item, sourceLine: p.lineText, cause: e });
}

/** Collects what a load found; never throws. The same error reached twice is kept once. */
export class LoadLog {
  readonly errors: RuleLoadError[] = [];
  readonly notices: LoadNotice[] = [];
  readonly requirements: LoadRequirements = { engineVersions: [], plugins: [] };
  private readonly seen = new Set<string>();

  /** Records an error unless the same one was recorded already. */
  error(e: RuleLoadError): void {
    const l = e.location;
    const key = `${l.file}:${l.line}:${l.column}:${e.code}:${e.details.item?.kind}:${e.details.item?.name}:${e.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.errors.push(e);
  }

  /** Records a notice about the item at `at`. */
  notice(at: ItemAt, message: string, rule?: string): void {
    const line = at.file.pos(at.offset).line;
    this.notices.push({ file: at.file.file, line, ...(rule === undefined ? {} : { rule }), message });
  }
}

/** A RuleLoadError at the start of a piece of text with a known origin. */
export function errorAtOrigin(origin: Origin, code: RuleLoadErrorCode, message: string, item: ItemRef, rule?: string): RuleLoadError {
  const p = origin.locate(0);
  const location = { file: p.file, line: p.line, column: p.column, ...(rule === undefined ? {} : { rule }) };
  return new RuleLoadError(message, code, location, { item, sourceLine: p.lineText });
}
