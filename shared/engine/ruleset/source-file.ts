import { LineCounter } from 'yaml';

/** A position resolved to what a person reads: 1-based line and column, and the line's text. */
export interface FilePos {
  file: string;
  line: number;
  column: number;
  lineText: string;
}

/** One rule file's text with a line index, so any character offset can be shown as line:col. */
export class SourceFile {
  readonly lines = new LineCounter();

  constructor(
    readonly file: string,
    readonly text: string,
  ) {}

  /** Resolves a character offset (clamped into the text). */
  pos(offset: number): FilePos {
    const at = Math.max(0, Math.min(offset, this.text.length));
    const { line, col } = this.lines.linePos(at);
    const start = this.lines.lineStarts[line - 1] ?? 0;
    let end = this.text.indexOf('\n', start);
    if (end < 0) end = this.text.length;
    const lineText = this.text.slice(start, end).replace(/\r$/, '');
    return { file: this.file, line, column: col, lineText };
  }
}
