import { ConditionError } from '../errors.ts';
import { unescape } from './escapes.ts';
import {
  LIST_OPS,
  NUM_OPS,
  SYMBOL_STR_OPS,
  Tok,
  TRANSFORMERS,
  UNARY_OPS,
  VAL_TRANSFORMER,
  WORD_STR_OPS,
  type Token,
  type TokenKind,
} from './tokens.ts';

// Character classes of libsinsp's filter grammar (parser.h), anchored at the cursor with the
// sticky flag so no substring is ever copied to match.
const IDENTIFIER = /[a-zA-Z]+[a-zA-Z0-9_]*/y;
const FIELD_NAME = /[a-zA-Z]+[a-zA-Z0-9_]*(?:\.[a-zA-Z]+[a-zA-Z0-9_]*)+/y;
const FIELD_ARG_BARE = /[^\][\s"']+/y;
const HEX_NUMBER = /0[xX][0-9a-zA-Z]+/y;
const NUMBER = /[+-]?[0-9]+\.?[0-9]*(?:[eE][+-][0-9]+)?/y;
const BARE_STRING = /[^()"'\s=,]+/y;
const NOT_BLANK = /not[ \t\b\r\n]+/y;
const IDENT_CHAR = /[a-zA-Z0-9_]/;
const WORD_OPS: readonly string[] = [...UNARY_OPS, ...WORD_STR_OPS, ...LIST_OPS];

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\b' || c === '\r' || c === '\n';
}

/** A cursor over one condition text; every `lex*` method consumes and returns a token or nothing. */
export class Lexer {
  pos = 0;

  constructor(
    readonly text: string,
    readonly src?: unknown,
  ) {}

  /** Skips blanks; true if there were any. */
  blank(): boolean {
    const start = this.pos;
    while (isBlank(this.text[this.pos])) this.pos++;
    return this.pos > start;
  }

  /** True when the whole text has been consumed. */
  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  /** True when `s` follows the cursor (nothing consumed). */
  sees(s: string): boolean {
    return this.text.startsWith(s, this.pos);
  }

  /** Consumes `s` if it follows the cursor. */
  lexString(s: string, kind: TokenKind): Token | undefined {
    if (!this.sees(s)) return undefined;
    return this.take(kind, s.length, s);
  }

  /** `and` / `or`: the keyword itself; the caller checks what follows (blank or `(`). */
  lexKeyword(word: 'and' | 'or'): Token | undefined {
    return this.lexString(word, word === 'and' ? Tok.And : Tok.Or);
  }

  /** `not` followed by blanks (consumed); `not(` is lexed separately by the caller. */
  lexNotBlank(): Token | undefined {
    return this.lexRegex(NOT_BLANK, Tok.Not, 'not');
  }

  /** `ka.user.name`: identifiers joined by dots (at least one dot). */
  lexFieldName(): Token | undefined {
    return this.lexRegex(FIELD_NAME, Tok.FieldName);
  }

  /** A macro or list name. */
  lexIdentifier(): Token | undefined {
    return this.lexRegex(IDENTIFIER, Tok.Identifier);
  }

  /** `tolower(` and friends (the value is the name); `val(` only when `withVal`. */
  lexTransformer(withVal: boolean): Token | undefined {
    for (const name of TRANSFORMERS) {
      const t = this.lexString(`${name}(`, Tok.Transformer);
      if (t) return { ...t, value: name };
    }
    if (withVal) {
      const t = this.lexString(`${VAL_TRANSFORMER}(`, Tok.Transformer);
      if (t) return { ...t, value: VAL_TRANSFORMER };
    }
    return undefined;
  }

  /** Any comparison operator; word operators must end at a word boundary. */
  lexOperator(): Token | undefined {
    for (const op of SYMBOL_STR_OPS) {
      const t = this.lexString(op, Tok.Operator);
      if (t) return t;
    }
    for (const op of NUM_OPS) {
      const t = this.lexString(op, Tok.Operator);
      if (t) return t;
    }
    for (const op of WORD_OPS) {
      if (!this.sees(op)) continue;
      const next = this.text[this.pos + op.length];
      // List operators may touch their list (`in(a,b)`), as in Falco; the others need a boundary.
      const isList = (LIST_OPS as readonly string[]).includes(op);
      if (next !== undefined && IDENT_CHAR.test(next) && !(isList && next === '(')) continue;
      return this.take(Tok.Operator, op.length, op);
    }
    return undefined;
  }

  /** A '…' or "…" string with libsinsp's escapes; throws if it never ends. */
  lexQuoted(): Token | undefined {
    const quote = this.text[this.pos];
    if (quote !== '"' && quote !== "'") return undefined;
    const start = this.pos;
    let i = start + 1;
    while (i < this.text.length && this.text[i] !== quote) i += this.text[i] === '\\' ? 2 : 1;
    if (i >= this.text.length) {
      throw new ConditionError(`unterminated ${quote}-quoted string`, 'condition-syntax', start, this.src);
    }
    const value = unescape(this.text.slice(start + 1, i), quote, start, this.src);
    return this.take(Tok.QuotedString, i + 1 - start, value);
  }

  /** An unquoted value: anything up to a blank, a parenthesis, a comma, = or a quote. */
  lexBareString(): Token | undefined {
    return this.lexRegex(BARE_STRING, Tok.BareString);
  }

  /** A hex or decimal number, for the <, <=, >, >= operators. */
  lexNumber(): Token | undefined {
    return this.lexRegex(HEX_NUMBER, Tok.Number) ?? this.lexRegex(NUMBER, Tok.Number);
  }

  /** An unquoted field argument: anything up to a blank, a bracket or a quote (JSON pointers keep their /). */
  lexFieldArgBare(): Token | undefined {
    return this.lexRegex(FIELD_ARG_BARE, Tok.FieldArg);
  }

  /** What follows the cursor, for error messages: up to the next blank, at most 20 chars. */
  preview(): string {
    const m = /[^ \t\b\r\n]{1,20}/y;
    m.lastIndex = this.pos;
    return m.exec(this.text)?.[0] ?? '';
  }

  /** A syntax error at `at` (default: the cursor). */
  error(message: string, at = this.pos): ConditionError {
    return new ConditionError(message, 'condition-syntax', at, this.src);
  }

  private lexRegex(re: RegExp, kind: TokenKind, value?: string): Token | undefined {
    re.lastIndex = this.pos;
    const m = re.exec(this.text);
    if (!m) return undefined;
    return this.take(kind, m[0].length, value ?? m[0]);
  }

  private take(kind: TokenKind, length: number, value: string): Token {
    const start = this.pos;
    this.pos += length;
    return { kind, text: this.text.slice(start, this.pos), value, start, end: this.pos };
  }
}
