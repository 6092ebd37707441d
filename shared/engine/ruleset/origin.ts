import type { Scalar } from 'yaml';
import type { ItemRef } from '../errors.ts';
import { scalarOffsets } from './scalar-offsets.ts';
import type { FilePos, SourceFile } from './source-file.ts';

/** Where a piece of condition/output text came from: maps its offsets to file positions. */
export interface Origin {
  locate(offset: number): FilePos;
  /** The macro/list/rule the text belongs to, when not the rule being compiled. */
  readonly item?: ItemRef;
}

/** A YAML scalar's value (or a suffix of it, for trimmed text). */
export class ScalarOrigin implements Origin {
  private map?: (i: number) => number;

  constructor(
    private readonly file: SourceFile,
    private readonly node: Scalar,
    private readonly value: string,
    private readonly skip = 0,
    readonly item?: ItemRef,
  ) {}

  /** The file position of a value offset. */
  locate(offset: number): FilePos {
    this.map ??= scalarOffsets(this.file.text, this.node, this.value);
    return this.file.pos(this.map(this.skip + offset));
  }
}

/** A fixed point in a file, for text kadet generated from a YAML node (exception entries). */
export class NodeOrigin implements Origin {
  constructor(
    private readonly file: SourceFile,
    private readonly offset: number,
    readonly item?: ItemRef,
  ) {}

  /** Always the node's position. */
  locate(): FilePos {
    return this.file.pos(this.offset);
  }
}

/** Text with its origin; appended conditions and outputs are several pieces joined by a space. */
export interface TextPiece {
  text: string;
  origin: Origin;
}

/** Joins pieces with one space, as Falco appends conditions, keeping each piece's origin. */
export function joinPieces(pieces: readonly TextPiece[]): { text: string; origin: Origin } {
  if (pieces.length === 1) return { text: pieces[0]!.text, origin: pieces[0]!.origin };
  const starts: number[] = [];
  let text = '';
  for (const p of pieces) {
    if (text) text += ' ';
    starts.push(text.length);
    text += p.text;
  }
  const origin: Origin = {
    locate(offset) {
      let i = starts.length - 1;
      while (i > 0 && starts[i]! > offset) i--;
      return pieces[i]!.origin.locate(offset - starts[i]!);
    },
  };
  return { text, origin };
}
