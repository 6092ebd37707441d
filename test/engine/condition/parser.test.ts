import { describe, expect, it } from 'vitest';
import type { BinaryCheck, Expr } from '../../../shared/engine/condition/ast.ts';
import { MAX_CONDITION_DEPTH, MAX_CONDITION_NODES } from '../../../shared/engine/condition/limits.ts';
import { parseCondition, parseFieldText } from '../../../shared/engine/condition/parser.ts';
import { ConditionError } from '../../../shared/engine/errors.ts';

/** A compact rendering of the AST shape, to assert structure without positions. */
function shape(e: Expr): string {
  switch (e.kind) {
    case 'and':
    case 'or':
      return `(${e.children.map(shape).join(` ${e.kind} `)})`;
    case 'not':
      return `not ${shape(e.child)}`;
    case 'macro':
      return e.name;
    case 'unary':
      return `${operand(e.left)} exists`;
    case 'binary': {
      const r = e.right;
      const rhs =
        r.kind === 'literal' ? r.value.text : r.kind === 'list' ? `[${r.items.map((i) => i.text).join('|')}]` : r.kind === 'listname' ? `@${r.value.text}` : operand(r.operand);
      return `${operand(e.left)} ${e.op} ${rhs}`;
    }
  }
}

function operand(o: BinaryCheck['left']): string {
  if (o.kind === 'transform') return `${o.name}(${operand(o.operand)})`;
  return o.arg === undefined ? o.name : `${o.name}[${o.arg}]`;
}

function errorOf(text: string): ConditionError {
  try {
    parseCondition(text);
  } catch (e) {
    if (e instanceof ConditionError) return e;
    throw e;
  }
  throw new Error(`no error for ${text}`);
}

describe('condition parser', () => {
  it('gives not higher precedence than and', () => {
    expect(shape(parseCondition('not a and b'))).toBe('(not a and b)');
  });

  it('gives and higher precedence than or', () => {
    expect(shape(parseCondition('a or b and c or d'))).toBe('(a or (b and c) or d)');
  });

  it('lets parentheses override precedence', () => {
    expect(shape(parseCondition('(a or b) and not (c or d)'))).toBe('((a or b) and not (c or d))');
  });

  it('accepts not( and and( and or( without a blank', () => {
    expect(shape(parseCondition('not(a) and(b) or(c)'))).toBe('((not a and b) or c)');
  });

  it('folds a double negation as libsinsp does', () => {
    expect(shape(parseCondition('not not a'))).toBe('a');
    expect(shape(parseCondition('not not not a'))).toBe('not a');
  });

  it('does not read a macro named not_x as a negation', () => {
    expect(shape(parseCondition('not_system_user'))).toBe('not_system_user');
  });

  it('parses Falco bare-word values', () => {
    expect(shape(parseCondition('ka.user.name=system:anonymous and ka.uri startswith /healthz?'))).toBe(
      '(ka.user.name = system:anonymous and ka.uri startswith /healthz?)',
    );
    expect(shape(parseCondition('ka.target.namespace!=kube-system'))).toBe('ka.target.namespace != kube-system');
  });

  it('parses field arguments: keys, JSON pointers, quoted and index arguments', () => {
    expect(shape(parseCondition('ka.uri.param[command] exists'))).toBe('ka.uri.param[command] exists');
    expect(shape(parseCondition('jevt.value[/spec/containers/0/image]=nginx'))).toBe('jevt.value[/spec/containers/0/image] = nginx');
    expect(shape(parseCondition('jevt.value["/a b"]=x'))).toBe('jevt.value[/a b] = x');
    expect(shape(parseCondition('ka.req.pod.containers.image[0] = x'))).toBe('ka.req.pod.containers.image[0] = x');
  });

  it('parses lists with quoted, bare and numeric items, empty lists and list names', () => {
    expect(shape(parseCondition('ka.verb in (create, "a b", 3, /etc)'))).toBe('ka.verb in [create|a b|3|/etc]');
    expect(shape(parseCondition('ka.verb in ()'))).toBe('ka.verb in []');
    expect(shape(parseCondition('ka.verb in my_verbs'))).toBe('ka.verb in @my_verbs');
    expect(shape(parseCondition('ka.verb in(create,update)'))).toBe('ka.verb in [create|update]');
  });

  it('marks quoted literals so they are never taken for list names', () => {
    const e = parseCondition('ka.verb in ("my_list", my_list)') as BinaryCheck;
    expect(e.right.kind === 'list' && e.right.items.map((i) => i.quoted)).toEqual([true, false]);
  });

  it('parses transformers on the left and val() on the right', () => {
    expect(shape(parseCondition('tolower(ka.user.name) = bob'))).toBe('tolower(ka.user.name) = bob');
    expect(shape(parseCondition('ka.user.name = val(ka.target.name)'))).toBe('ka.user.name = val(ka.target.name)');
  });

  it('parses a multi-line condition', () => {
    expect(shape(parseCondition('kevt\n  and non_system_user\n  and not ka.user.name in (a)\n'))).toBe('(kevt and non_system_user and not ka.user.name in [a])');
  });

  it('requires a number after a numeric operator', () => {
    expect(errorOf('test.count > abc').message).toMatch(/expected a number/);
    expect(shape(parseCondition('test.count >= 0x10'))).toBe('test.count >= 0x10');
  });

  it('reports a missing operator at the position after the field', () => {
    const e = errorOf('ka.verb create');
    expect(e.offset).toBe(8);
    expect(e.message).toMatch(/expected a comparison operator/);
  });

  it('reports an unclosed parenthesis at the end', () => {
    const text = '(ka.verb=create and (a or b)';
    expect(errorOf(text).offset).toBe(text.length);
  });

  it('reports trailing garbage where it starts', () => {
    const e = errorOf('a and b c');
    expect(e.offset).toBe(8);
    expect(e.message).toMatch(/unexpected 'c'/);
  });

  it('requires a blank or ( after and', () => {
    expect(errorOf('a andb').message).toMatch(/blank or '\(' after 'and'/);
  });

  it('rejects an empty condition', () => {
    expect(errorOf('   ').message).toMatch(/empty/);
  });

  it('records the source it was given on every node', () => {
    const src = { tag: 'rule' };
    const e = parseCondition('a and ka.verb=x', src);
    expect(e.src).toBe(src);
    expect(e.kind === 'and' && e.children.every((c) => c.src === src)).toBe(true);
  });

  it(`accepts ${MAX_CONDITION_DEPTH} nested parentheses and refuses one more`, () => {
    const nest = (n: number) => `${'('.repeat(n)}a${')'.repeat(n)}`;
    expect(shape(parseCondition(nest(MAX_CONDITION_DEPTH)))).toBe('a');
    const e = errorOf(nest(MAX_CONDITION_DEPTH + 1));
    expect(e.code).toBe('limit');
  });

  it(`accepts ${MAX_CONDITION_NODES} nodes and refuses one more`, () => {
    // n macro references joined by `or` make n + 1 nodes.
    const refs = (n: number) => Array.from({ length: n }, (_, i) => `m${i}`).join(' or ');
    expect(() => parseCondition(refs(MAX_CONDITION_NODES - 1))).not.toThrow();
    expect(errorOf(refs(MAX_CONDITION_NODES)).code).toBe('limit');
  });

  it('parses a lone field for exception entries and rejects anything after it', () => {
    expect(parseFieldText('ka.uri.param[command]')).toMatchObject({ kind: 'field', name: 'ka.uri.param', arg: 'command' });
    expect(() => parseFieldText('ka.verb = x')).toThrow(ConditionError);
  });
});
