import { ConditionError } from '../errors.ts';
import type { Expr, Literal, Operand, RightHand } from './ast.ts';
import { Lexer } from './lexer.ts';
import { MAX_CONDITION_DEPTH, MAX_CONDITION_NODES } from './limits.ts';
import { LIST_OPS, NUM_OPS, Tok, type Operator, type Token } from './tokens.ts';

export interface ParseLimits {
  maxDepth?: number;
  maxNodes?: number;
}

/** Parses one condition text into an AST; throws ConditionError with the offset of the problem. */
export function parseCondition(text: string, src?: unknown, limits: ParseLimits = {}): Expr {
  return new Parser(text, src, limits).parse();
}

/** Parses a lone field reference such as `ka.uri.param[command]` (exception `fields:` entries). */
export function parseFieldText(text: string, src?: unknown): Operand {
  return new Parser(text, src, {}).parseLoneOperand();
}

// Recursive descent over libsinsp's grammar (userspace/libsinsp/filter/parser.h): one method per
// precedence level, each headed by its production.
class Parser {
  private readonly lx: Lexer;
  private depth = 0;
  private nodes = 0;
  private readonly maxDepth: number;
  private readonly maxNodes: number;

  constructor(
    text: string,
    private readonly src: unknown,
    limits: ParseLimits,
  ) {
    this.lx = new Lexer(text, src);
    this.maxDepth = limits.maxDepth ?? MAX_CONDITION_DEPTH;
    this.maxNodes = limits.maxNodes ?? MAX_CONDITION_NODES;
  }

  /** Condition ::= Expr <end> */
  parse(): Expr {
    this.lx.blank();
    if (this.lx.atEnd()) throw this.lx.error('condition is empty');
    const expr = this.parseOr();
    this.lx.blank();
    if (!this.lx.atEnd()) {
      throw this.lx.error(`unexpected '${this.lx.preview()}', expecting 'and', 'or' or the end of the condition`);
    }
    return expr;
  }

  /** LoneOperand ::= Operand <end> */
  parseLoneOperand(): Operand {
    this.lx.blank();
    const operand = this.parseOperand(false);
    if (!operand) throw this.expected('a field name');
    this.lx.blank();
    if (!this.lx.atEnd()) throw this.expected('the end of the field');
    return operand;
  }

  // OrExpr ::= AndExpr ('or' (blank AndExpr | '(' …))*
  private parseOr(): Expr {
    const pos = this.lx.pos;
    const children = [this.parseAnd()];
    this.lx.blank();
    while (this.lx.lexKeyword('or')) {
      this.requireBlankOrParen('or');
      children.push(this.parseAnd());
      this.lx.blank();
    }
    return children.length === 1 ? children[0]! : this.node({ kind: 'or', children, pos });
  }

  // AndExpr ::= NotExpr ('and' (blank NotExpr | '(' …))*
  private parseAnd(): Expr {
    const pos = this.lx.pos;
    const children = [this.parseNot()];
    this.lx.blank();
    while (this.lx.lexKeyword('and')) {
      this.requireBlankOrParen('and');
      children.push(this.parseNot());
      this.lx.blank();
    }
    return children.length === 1 ? children[0]! : this.node({ kind: 'and', children, pos });
  }

  // NotExpr ::= ('not' blank)* ('not(' Expr ')' | Check)
  private parseNot(): Expr {
    this.lx.blank();
    const pos = this.lx.pos;
    let negate = false;
    while (this.lx.lexNotBlank()) negate = !negate;
    let child: Expr;
    if (this.lx.sees('not(')) {
      this.lx.pos += 3;
      negate = !negate;
      child = this.parseCheck();
    } else {
      child = this.parseCheck();
    }
    // `not not x` is `x`, as libsinsp folds it.
    return negate ? this.node({ kind: 'not', child, pos }) : child;
  }

  // Check ::= '(' Expr ')' | Operand Condition | Identifier
  private parseCheck(): Expr {
    this.lx.blank();
    const pos = this.lx.pos;
    if (this.lx.lexString('(', Tok.LParen)) return this.nested(() => this.parseGroupRest());
    const operand = this.parseOperand(false);
    if (operand) return this.parseConditionOp(operand, pos);
    const id = this.lx.lexIdentifier();
    if (id) return this.node({ kind: 'macro', name: id.value, pos });
    if (this.lx.atEnd()) throw this.lx.error('unexpected end of condition, expecting a field check, a macro or a (');
    throw this.lx.error(`unexpected '${this.lx.preview()}', expecting a field check, a macro or a (`);
  }

  // Group ::= '(' Expr ')'   (the '(' is already consumed)
  private parseGroupRest(): Expr {
    const expr = this.parseOr();
    this.lx.blank();
    if (!this.lx.lexString(')', Tok.RParen)) throw this.expected("')'");
    return expr;
  }

  // Operand ::= FieldName ('[' FieldArg ']')? | Transformer Operand ')'
  private parseOperand(allowVal: boolean): Operand | undefined {
    const pos = this.lx.pos;
    const name = this.lx.lexFieldName();
    if (name) return this.parseFieldArg(name, pos);
    const tr = this.lx.lexTransformer(allowVal);
    if (!tr) return undefined;
    return this.nested(() => {
      this.lx.blank();
      // val() wraps a plain field only; the other transformers may nest.
      const inner = tr.value === 'val' ? this.parseFieldOnly() : this.parseOperand(false);
      if (!inner) throw this.expected(`a field inside '${tr.value}('`);
      this.lx.blank();
      if (!this.lx.lexString(')', Tok.RParen)) throw this.expected(`')' closing '${tr.value}('`);
      return this.node({ kind: 'transform' as const, name: tr.value, operand: inner, pos });
    });
  }

  // FieldTransformerOrVal ::= 'val(' Field ')' | Transformer Operand ')'
  // On the right of an operator a bare word is always a string (`kubernetes.io/x`, `a.b`), as in
  // libsinsp: comparing with another field needs val().
  private parseRightOperand(): Operand | undefined {
    const pos = this.lx.pos;
    const tr = this.lx.lexTransformer(true);
    if (!tr) return undefined;
    this.lx.pos = pos;
    return this.parseOperand(true);
  }

  private parseFieldOnly(): Operand | undefined {
    const pos = this.lx.pos;
    const name = this.lx.lexFieldName();
    return name ? this.parseFieldArg(name, pos) : undefined;
  }

  // FieldArg ::= '[' (QuotedStr | FieldArgBareStr) ']'
  private parseFieldArg(name: Token, pos: number): Operand {
    if (!this.lx.lexString('[', Tok.LBracket)) return this.node({ kind: 'field', name: name.value, pos });
    const arg = this.lx.lexQuoted() ?? this.lx.lexFieldArgBare();
    if (!arg) throw this.expected('a field argument: a quoted or bare string');
    if (!this.lx.lexString(']', Tok.RBracket)) throw this.expected("']'");
    return this.node({ kind: 'field', name: name.value, arg: arg.value, argPos: arg.start, pos });
  }

  // Condition ::= 'exists' | NumOp NumValue | StrOp StrValue | ListOp ListValue
  private parseConditionOp(left: Operand, pos: number): Expr {
    this.lx.blank();
    const opTok = this.lx.lexOperator();
    if (!opTok) throw this.expected('a comparison operator (=, !=, <, <=, >, >=, contains, icontains, startswith, endswith, glob, iglob, regex, pmatch, in, intersects, exists)');
    const op = opTok.value as Operator;
    if (op === 'exists') return this.node({ kind: 'unary', op, left, opPos: opTok.start, pos });
    let right: RightHand;
    if ((NUM_OPS as readonly string[]).includes(op)) right = this.parseNumValue();
    else if ((LIST_OPS as readonly string[]).includes(op)) right = this.parseListValue();
    else right = this.parseStrValue();
    return this.node({ kind: 'binary', op, opPos: opTok.start, left, right, pos });
  }

  // NumValue ::= HexNumber | Number | FieldTransformerOrVal
  private parseNumValue(): RightHand {
    this.lx.blank();
    const operand = this.parseRightOperand();
    if (operand) return { kind: 'operand', operand };
    const n = this.lx.lexNumber();
    if (!n) throw this.expected('a number');
    return { kind: 'literal', value: this.literal(n, false) };
  }

  // StrValue ::= QuotedStr | BareStr | FieldTransformerOrVal
  private parseStrValue(): RightHand {
    this.lx.blank();
    const operand = this.parseRightOperand();
    if (operand) return { kind: 'operand', operand };
    const q = this.lx.lexQuoted();
    if (q) return { kind: 'literal', value: this.literal(q, true) };
    const b = this.lx.lexBareString();
    if (b) return { kind: 'literal', value: this.literal(b, false) };
    throw this.expected('a string value');
  }

  // ListValue ::= '(' (StrValue (',' StrValue)*)? ')' | Identifier | FieldTransformerOrVal
  private parseListValue(): RightHand {
    this.lx.blank();
    const pos = this.lx.pos;
    if (this.lx.lexString('(', Tok.LParen)) {
      const items: Literal[] = [];
      this.lx.blank();
      if (!this.lx.lexString(')', Tok.RParen)) {
        do {
          this.lx.blank();
          const t = this.lx.lexQuoted() ?? this.lx.lexBareString();
          if (!t) throw this.expected('a list value');
          items.push(this.literal(t, t.kind === Tok.QuotedString));
          this.lx.blank();
        } while (this.lx.lexString(',', Tok.Comma));
        if (!this.lx.lexString(')', Tok.RParen)) throw this.expected("',' or ')' in the list");
      }
      this.count();
      return { kind: 'list', items, pos };
    }
    const operand = this.parseOperand(true);
    if (operand) return { kind: 'operand', operand };
    const id = this.lx.lexIdentifier();
    if (id) return { kind: 'listname', value: this.literal(id, false) };
    throw this.expected('a list like (a, b) or a list name');
  }

  private requireBlankOrParen(keyword: string): void {
    if (!this.lx.blank() && !this.lx.sees('(')) throw this.expected(`a blank or '(' after '${keyword}'`);
  }

  private literal(t: Token, quoted: boolean): Literal {
    return { text: t.value, quoted, pos: t.start, src: this.src };
  }

  private nested<T>(fn: () => T): T {
    if (++this.depth > this.maxDepth) {
      throw new ConditionError(`condition nesting is deeper than ${this.maxDepth} levels`, 'limit', this.lx.pos, this.src);
    }
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  private node<T extends object>(n: T): T & { src: unknown } {
    this.count();
    return Object.assign(n, { src: this.src });
  }

  private count(): void {
    if (++this.nodes > this.maxNodes) {
      throw new ConditionError(`condition has more than ${this.maxNodes} nodes`, 'limit', this.lx.pos, this.src);
    }
  }

  private expected(what: string): ConditionError {
    const found = this.lx.atEnd() ? 'end of condition' : `'${this.lx.preview()}'`;
    return this.lx.error(`expected ${what}, found ${found}`);
  }
}
