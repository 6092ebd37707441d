// Token kinds of Falco's condition language. The lexer is driven by the parser (the language is
// context-sensitive: `/etc` is a bare string after `=`, but nothing is valid there in expression
// position), so each kind is asked for by name rather than produced by a free-running scanner.

export const Tok = {
  LParen: 'LParen',
  RParen: 'RParen',
  Comma: 'Comma',
  LBracket: 'LBracket',
  RBracket: 'RBracket',
  And: 'And',
  Or: 'Or',
  Not: 'Not',
  Identifier: 'Identifier',
  FieldName: 'FieldName',
  Transformer: 'Transformer',
  Operator: 'Operator',
  QuotedString: 'QuotedString',
  BareString: 'BareString',
  Number: 'Number',
  FieldArg: 'FieldArg',
} as const;

export type TokenKind = (typeof Tok)[keyof typeof Tok];

export interface Token {
  kind: TokenKind;
  /** The characters as written. */
  text: string;
  /** The meaning: unescaped string, operator name, transformer name without `(`. */
  value: string;
  /** Offsets into the condition text; `end` is exclusive. */
  start: number;
  end: number;
}

/** Operators grouped by what the right-hand side must be, as libsinsp's grammar groups them. */
export const UNARY_OPS = ['exists'] as const;
export const NUM_OPS = ['<=', '<', '>=', '>'] as const;
export const SYMBOL_STR_OPS = ['==', '=', '!='] as const;
export const WORD_STR_OPS = [
  'glob',
  'iglob',
  'contains',
  'icontains',
  'bcontains',
  'startswith',
  'bstartswith',
  'endswith',
  'regex',
] as const;
export const LIST_OPS = ['intersects', 'in', 'pmatch'] as const;

export type Operator =
  | (typeof UNARY_OPS)[number]
  | (typeof NUM_OPS)[number]
  | (typeof SYMBOL_STR_OPS)[number]
  | (typeof WORD_STR_OPS)[number]
  | (typeof LIST_OPS)[number];

export const TRANSFORMERS = ['tolower', 'toupper', 'b64', 'basename'] as const;
/** `val(field)` reads another field as the right-hand side. */
export const VAL_TRANSFORMER = 'val';
