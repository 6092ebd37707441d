import type { Operator } from './tokens.ts';

// The condition AST. Every node records where it was written: `pos` is an offset into the text it
// was parsed from and `src` the opaque origin of that text (a rule, a macro, an exception entry),
// so an error found while compiling an inlined macro still points into the macro's own YAML.

interface Node {
  pos: number;
  src?: unknown;
}

export interface AndExpr extends Node {
  kind: 'and';
  children: Expr[];
}

export interface OrExpr extends Node {
  kind: 'or';
  children: Expr[];
}

export interface NotExpr extends Node {
  kind: 'not';
  child: Expr;
}

/** A bare identifier in expression position: a macro reference. */
export interface MacroRef extends Node {
  kind: 'macro';
  name: string;
}

export interface FieldOperand extends Node {
  kind: 'field';
  name: string;
  arg?: string;
  /** Offset of the argument text, for argument errors. */
  argPos?: number;
}

/** `tolower(field)`, `b64(…)`, and `val(field)` on the right-hand side. */
export interface TransformOperand extends Node {
  kind: 'transform';
  name: string;
  operand: Operand;
}

export type Operand = FieldOperand | TransformOperand;

export interface UnaryCheck extends Node {
  kind: 'unary';
  op: 'exists';
  left: Operand;
  opPos: number;
}

/** One literal as written: `quoted` literals are never list names. */
export interface Literal {
  text: string;
  quoted: boolean;
  pos: number;
  src?: unknown;
}

export type RightHand =
  | { kind: 'literal'; value: Literal }
  | { kind: 'list'; items: Literal[]; pos: number }
  /** `in some_list` without parentheses. */
  | { kind: 'listname'; value: Literal }
  | { kind: 'operand'; operand: Operand };

export interface BinaryCheck extends Node {
  kind: 'binary';
  op: Exclude<Operator, 'exists'>;
  opPos: number;
  left: Operand;
  right: RightHand;
}

export type Expr = AndExpr | OrExpr | NotExpr | MacroRef | UnaryCheck | BinaryCheck;
