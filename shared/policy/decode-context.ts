import { isAlias, type Document, type Node } from 'yaml';
import { diagnostic, type Diagnostic, type Severity } from './diagnostic.ts';
import type { Pos } from './types.ts';

/** What every decoder needs: where things are, and where to report. */
export interface DecodeContext {
  file: string;
  doc: Document.Parsed;
  posOf: (node: Node | null | undefined) => Pos;
  diagnostics: Diagnostic[];
}

/** Records a diagnostic at `pos`. */
export function report(ctx: DecodeContext, severity: Severity, code: string, pos: Pos, path: string, message: string): void {
  ctx.diagnostics.push(diagnostic(severity, code, ctx.file, pos, path, message));
}

/** The node an alias (`*name`) points to; other nodes as they are. */
export function deref(ctx: DecodeContext, node: Node | null | undefined): Node | null | undefined {
  return isAlias(node) ? (node.resolve(ctx.doc) ?? null) : node;
}

/** `parent.key`, or `key` at the top. */
export function joinPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}
