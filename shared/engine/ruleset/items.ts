import type { Priority } from '../priority.ts';
import type { Origin, TextPiece } from './origin.ts';
import type { SourceFile } from './source-file.ts';

// What the reader collects from the YAML before anything is compiled. Appends and overrides edit
// these records; compilation happens once every file has been read.

/** Where an item starts: its file and the offset of its first key. */
export interface ItemAt {
  file: SourceFile;
  offset: number;
}

export interface ListInfo {
  name: string;
  items: string[];
  at: ItemAt;
}

export interface MacroInfo {
  name: string;
  cond: TextPiece[];
  at: ItemAt;
}

/** A scalar or a sequence inside an exception, with where it was written (Falco's `entry`). */
export interface Entry {
  origin: Origin;
  item?: string;
  items?: Entry[];
}

export interface ExceptionInfo {
  name: string;
  origin: Origin;
  fields?: Entry;
  comps?: Entry;
  values: Entry[];
}

export interface RuleInfo {
  name: string;
  at: ItemAt;
  cond: TextPiece[];
  output: TextPiece[];
  desc: string;
  priority: Priority;
  source: string;
  enabled: boolean;
  tags: string[];
  exceptions: ExceptionInfo[];
  /** Keys beyond Falco's, verbatim. */
  extra: Record<string, unknown>;
  skipIfUnknownFilter: boolean;
  /** A source kadet does not evaluate: kept only so appends to it are not errors. */
  skipped: boolean;
}

/** The keys of a rule update (`append: true` or `override:`), all optional. */
export interface RuleUpdate {
  name: string;
  at: ItemAt;
  cond?: TextPiece;
  output?: TextPiece;
  desc?: string;
  tags?: string[];
  exceptions?: ExceptionInfo[];
  priority?: Priority;
  enabled?: boolean;
  skipIfUnknownFilter?: boolean;
  extra: Record<string, unknown>;
}
