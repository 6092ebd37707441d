import { describe, expect, it } from 'vitest';
import { ConditionError } from '../../../shared/engine/errors.ts';
import { Lexer } from '../../../shared/engine/condition/lexer.ts';
import { Tok } from '../../../shared/engine/condition/tokens.ts';

describe('condition lexer', () => {
  it('reads Falco bare words with slashes, colons, dashes and stars as one bare string', () => {
    for (const word of ['/etc', 'kube-system', 'system:anonymous', '*', '/healthz?', 'docker.io/falco']) {
      const t = new Lexer(`${word} rest`).lexBareString();
      expect(t?.value).toBe(word);
      expect(t?.kind).toBe(Tok.BareString);
    }
  });

  it('stops a bare string at parentheses, commas, = and quotes', () => {
    expect(new Lexer('abc,def').lexBareString()?.value).toBe('abc');
    expect(new Lexer('abc)').lexBareString()?.value).toBe('abc');
    expect(new Lexer('a=b').lexBareString()?.value).toBe('a');
  });

  it('unescapes quoted strings with libsinsp escapes', () => {
    expect(new Lexer(String.raw`"a\tb\\c\"d\/e"`).lexQuoted()?.value).toBe('a\tb\\c"d/e');
    expect(new Lexer(String.raw`'it\'s'`).lexQuoted()?.value).toBe("it's");
  });

  it('rejects a double-quote escape inside a single-quoted string', () => {
    expect(() => new Lexer(String.raw`'a\"b'`).lexQuoted()).toThrow(/invalid \\" escape/);
  });

  it('rejects unsupported escapes at the backslash', () => {
    try {
      new Lexer(String.raw`"ab\qc"`).lexQuoted();
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConditionError);
      expect((e as ConditionError).offset).toBe(3);
      expect((e as ConditionError).code).toBe('bad-escape');
    }
  });

  it('reports an unterminated string at its opening quote', () => {
    const lx = new Lexer('x = "abc');
    lx.pos = 4;
    expect(() => lx.lexQuoted()).toThrow(expect.objectContaining({ offset: 4, code: 'condition-syntax' }));
  });

  it('tells in, intersects and icontains apart by word boundary', () => {
    expect(new Lexer('intersects (a)').lexOperator()?.value).toBe('intersects');
    expect(new Lexer('in (a)').lexOperator()?.value).toBe('in');
    expect(new Lexer('in(a)').lexOperator()?.value).toBe('in');
    expect(new Lexer('icontains x').lexOperator()?.value).toBe('icontains');
    expect(new Lexer('inx (a)').lexOperator()).toBeUndefined();
    expect(new Lexer('existsx').lexOperator()).toBeUndefined();
  });

  it('prefers the two-character symbol operators', () => {
    expect(new Lexer('==x').lexOperator()?.value).toBe('==');
    expect(new Lexer('<=3').lexOperator()?.value).toBe('<=');
    expect(new Lexer('!=x').lexOperator()?.value).toBe('!=');
  });

  it('reads field names only when they contain a dot', () => {
    expect(new Lexer('ka.user.name=x').lexFieldName()?.value).toBe('ka.user.name');
    expect(new Lexer('kevt and').lexFieldName()).toBeUndefined();
    expect(new Lexer('kevt and').lexIdentifier()?.value).toBe('kevt');
  });

  it('reads decimal and hex numbers', () => {
    expect(new Lexer('0x1F)').lexNumber()?.value).toBe('0x1F');
    expect(new Lexer('-12.5e+3 ').lexNumber()?.value).toBe('-12.5e+3');
  });
});
