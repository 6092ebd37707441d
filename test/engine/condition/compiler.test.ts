import { describe, expect, it } from 'vitest';
import { ConditionCompiler } from '../../../shared/engine/condition/compiler.ts';
import { EvalContext } from '../../../shared/engine/condition/context.ts';
import { MAX_CONDITION_NODES, MAX_MACRO_DEPTH } from '../../../shared/engine/condition/limits.ts';
import { parseCondition } from '../../../shared/engine/condition/parser.ts';
import { ConditionError } from '../../../shared/engine/errors.ts';
import { extractCalls, fakeFields, makeEvent } from '../fake-fields.ts';
import { compile, holds, run, type Defs } from './helpers.ts';

function compileError(cond: string, defs: Defs = {}, limits = {}): ConditionError {
  try {
    compile(cond, defs, limits);
  } catch (e) {
    if (e instanceof ConditionError) return e;
    throw e;
  }
  throw new Error(`no error for ${cond}`);
}

const ev = makeEvent();

describe('condition compiler: string operators', () => {
  it('compares with = and != and treats == as =', () => {
    expect(holds('ka.verb=create', ev)).toBe(true);
    expect(holds('ka.verb == create', ev)).toBe(true);
    expect(holds('ka.verb != create', ev)).toBe(false);
    expect(holds('ka.verb != delete', ev)).toBe(true);
  });

  it('makes every comparison with an absent field false, != included', () => {
    const noSub = makeEvent();
    for (const cond of ['ka.target.subresource = x', 'ka.target.subresource != x', 'ka.target.subresource contains x', 'ka.target.subresource in (x)', 'ka.target.subresource < 9']) {
      expect(holds(cond, noSub)).toBe(false);
    }
    expect(holds('not ka.target.subresource != x', noSub)).toBe(true);
  });

  it('implements contains, icontains, startswith and endswith', () => {
    expect(holds('ka.uri contains namespaces/default', ev)).toBe(true);
    expect(holds('ka.uri icontains NAMESPACES', ev)).toBe(true);
    expect(holds('ka.uri contains NAMESPACES', ev)).toBe(false);
    expect(holds('ka.uri startswith /api/v1', ev)).toBe(true);
    expect(holds('ka.uri endswith /pods', ev)).toBe(true);
  });

  it('compares strings lexicographically with < and >, as libsinsp does', () => {
    // ka.response.code is a string field: "201" < "3" lexicographically.
    expect(holds('ka.response.code < 3', ev)).toBe(true);
    expect(holds('ka.response.code >= 200', ev)).toBe(true);
    expect(holds('ka.response.code > 1000', ev)).toBe(true);
  });

  it('compares extracted numbers of string fields by their string form', () => {
    expect(holds('ka.response.code = 201', ev)).toBe(true);
    expect(holds('ka.response.code startswith 2', ev)).toBe(true);
  });

  it('matches regex against the whole string', () => {
    expect(holds('ka.user.name regex "ali"', ev)).toBe(false);
    expect(holds('ka.user.name regex "al[a-z]+"', ev)).toBe(true);
    expect(holds('ka.user.name regex "a|zzz"', ev)).toBe(false);
  });

  it('rejects an invalid regex at load, at the pattern', () => {
    const e = compileError('ka.user.name regex "(unclosed"');
    expect(e.code).toBe('bad-regex');
    expect(e.offset).toBe(19);
  });

  it('globs with glob and iglob', () => {
    expect(holds('ka.uri glob "/api/*/pods"', ev)).toBe(true);
    expect(holds('ka.uri glob "/API/*"', ev)).toBe(false);
    expect(holds('ka.uri iglob "/API/*"', ev)).toBe(true);
  });

  it('matches path prefixes with pmatch', () => {
    const e = makeEvent({ requestURI: '/etc/kubernetes/manifests' });
    expect(holds('ka.uri pmatch (/etc/kubernetes)', e)).toBe(true);
    expect(holds('ka.uri pmatch (/etc/kube)', e)).toBe(false);
    expect(holds('ka.uri pmatch (/var, /etc/)', e)).toBe(true);
  });

  it('tests membership with in for a scalar field', () => {
    expect(holds('ka.verb in (get, create)', ev)).toBe(true);
    expect(holds('ka.verb in (get, list)', ev)).toBe(false);
    expect(holds('ka.verb in ()', ev)).toBe(false);
  });
});

describe('condition compiler: list fields', () => {
  const grp = (groups: string[] | undefined) => makeEvent({ user: { username: 'u', ...(groups ? { groups } : {}) } });

  it('holds in only when every value of the field is in the set', () => {
    expect(holds('ka.user.groups in (dev, system:authenticated, ops)', grp(['dev', 'system:authenticated']))).toBe(true);
    expect(holds('ka.user.groups in (dev)', grp(['dev', 'system:authenticated']))).toBe(false);
  });

  it('holds intersects when any value is in the set', () => {
    expect(holds('ka.user.groups intersects (ops, dev)', grp(['dev', 'x']))).toBe(true);
    expect(holds('ka.user.groups intersects (ops)', grp(['dev', 'x']))).toBe(false);
  });

  it('makes an empty list absent: in, intersects and exists are all false', () => {
    for (const cond of ['ka.user.groups in (dev)', 'ka.user.groups intersects (dev)', 'ka.user.groups exists']) {
      expect(holds(cond, grp([]))).toBe(false);
      expect(holds(cond, grp(undefined))).toBe(false);
    }
    expect(holds('ka.user.groups exists', grp(['a']))).toBe(true);
  });

  it('refuses other operators on a list field, as current Falco does', () => {
    for (const op of ['= dev', 'contains dev', 'startswith d', 'pmatch (/x)']) {
      const e = compileError(`ka.user.groups ${op}`);
      expect(e.code).toBe('operator');
      expect(e.offset).toBe(15);
    }
  });

  it('treats a list field with an index argument as a scalar', () => {
    const pod = makeEvent({ requestObject: { spec: { containers: [{ image: 'nginx:1' }, { image: 'evil:2' }] } } });
    expect(holds('ka.req.pod.containers.image[1] startswith evil', pod)).toBe(true);
    expect(holds('ka.req.pod.containers.image[5] exists', pod)).toBe(false);
    expect(holds('ka.req.pod.containers.image intersects (evil:2)', pod)).toBe(true);
  });
});

describe('condition compiler: typed fields', () => {
  const e = makeEvent({ requestObject: { count: 10, flag: true, ports: [80, 443] } });

  it('compares uint64 fields numerically', () => {
    expect(holds('test.count > 9', e)).toBe(true);
    expect(holds('test.count < 9', e)).toBe(false);
    expect(holds('test.count = 0xa', e)).toBe(true);
    expect(holds('test.count in (1, 10)', e)).toBe(true);
    expect(holds('test.ports intersects (443)', e)).toBe(true);
  });

  it('refuses a non-numeric literal for a uint64 field, at the literal', () => {
    const err = compileError('test.count = ten');
    expect(err.code).toBe('bad-literal');
    expect(err.offset).toBe(13);
    expect(compileError('test.count in (1, x)').code).toBe('bad-literal');
  });

  it('compares bool fields with true and false only', () => {
    expect(holds('test.flag = true', e)).toBe(true);
    expect(holds('test.flag != true', e)).toBe(false);
    expect(compileError('test.flag = yes').code).toBe('bad-literal');
    expect(compileError('test.flag contains t').code).toBe('operator');
  });
});

describe('condition compiler: fields', () => {
  it('refuses an unknown field at its column', () => {
    const e = compileError('ka.verb=create and ka.usr.name=bob');
    expect(e.code).toBe('unknown-field');
    expect(e.message).toBe("unknown field 'ka.usr.name'");
    expect(e.offset).toBe(19);
  });

  it('resolves registry aliases', () => {
    expect(holds('json.value[/verb] = create', ev)).toBe(true);
  });

  it('requires an argument where the field needs one and refuses one elsewhere', () => {
    expect(compileError('ka.uri.param = x').code).toBe('field-arg');
    const e = compileError('ka.verb[x] = create');
    expect(e.code).toBe('field-arg');
    expect(e.offset).toBe(8);
    expect(compileError('ka.req.pod.containers.image[first] exists').message).toMatch(/numeric index/);
  });

  it('reads query parameters and JSON pointers through arguments', () => {
    const exec = makeEvent({ requestURI: '/api/v1/namespaces/d/pods/p/exec?command=sh&stdin=true' });
    expect(holds('ka.uri.param[command] = sh', exec)).toBe(true);
    expect(holds('jevt.value[/objectRef/resource] = pods', exec)).toBe(true);
  });

  it('applies transformers before comparing', () => {
    const bob = makeEvent({ user: { username: 'Bob' } });
    expect(holds('tolower(ka.user.name) = bob', bob)).toBe(true);
    expect(holds('toupper(ka.user.name) = BOB', bob)).toBe(true);
    expect(holds('basename(ka.uri) = pods', ev)).toBe(true);
    expect(holds('b64(ka.user.name) exists', bob)).toBe(false);
  });

  it('compares two fields with val()', () => {
    const same = makeEvent({ user: { username: 'web' } });
    expect(holds('ka.user.name = val(ka.target.name)', same)).toBe(true);
    expect(holds('ka.user.name != val(ka.target.name)', same)).toBe(false);
    expect(compileError('ka.user.name = val(ka.user.groups)').code).toBe('operator');
  });

  it('reads a bare word on the right as a string even when it looks like a field name', () => {
    const signer = makeEvent({ user: { username: 'kubernetes.io/kube-apiserver-client' } });
    expect(holds('ka.user.name = kubernetes.io/kube-apiserver-client', signer)).toBe(true);
    expect(holds('ka.user.name = ka.target.name', makeEvent({ user: { username: 'ka.target.name' } }))).toBe(true);
    expect(holds('ka.user.name startswith kubernetes.io/', signer)).toBe(true);
  });

  it('reads an absent value when an extractor throws, and never throws itself', () => {
    expect(holds('test.throws exists', ev)).toBe(false);
    expect(holds('not test.throws = x', ev)).toBe(true);
  });

  it('extracts each field once per event however many checks read it', () => {
    const t1 = compile('ka.target.namespace = a or ka.target.namespace = b');
    const t2 = compile('ka.target.namespace startswith def');
    const ctx = new EvalContext();
    extractCalls.clear();
    ctx.reset(ev);
    t1(ctx);
    t2(ctx);
    expect(extractCalls.get('ka.target.namespace')).toBe(1);
    ctx.reset(makeEvent({ objectRef: { namespace: 'b' } }));
    expect(t1(ctx)).toBe(true);
    expect(extractCalls.get('ka.target.namespace')).toBe(2);
  });
});

describe('condition compiler: macros and lists', () => {
  const defs: Defs = {
    macros: { kcreate: 'ka.verb=create', pod: 'ka.target.resource=pods', podcreate: 'kcreate and pod' },
    lists: { verbs: ['create', 'update'], more: ['patch', 'verbs'], solo: ['pods'], admins: [] },
  };

  it('inlines macros, including macros that use macros', () => {
    expect(holds('podcreate', ev, defs)).toBe(true);
    expect(holds('podcreate and not kcreate', ev, defs)).toBe(false);
  });

  it('refuses an unknown identifier, naming it', () => {
    const e = compileError('kcreate and kevt', defs);
    expect(e.code).toBe('unknown-macro');
    expect(e.message).toMatch(/'kevt'/);
    expect(e.offset).toBe(12);
  });

  it('says when an identifier is a list rather than a macro', () => {
    expect(compileError('verbs', defs).message).toMatch(/is a list/);
  });

  it('reports a macro cycle naming every macro in it, inside the macro that closes it', () => {
    const e = compileError('a', { macros: { a: 'ka.verb=x and b', b: 'c', c: 'a' } });
    expect(e.code).toBe('macro-cycle');
    expect(e.message).toBe('macro cycle: a -> b -> c -> a');
    expect(e.src).toEqual({ macro: 'c' });
  });

  it(`accepts macros nested ${MAX_MACRO_DEPTH} deep and refuses one more`, () => {
    const chain = (n: number): Defs => ({
      macros: Object.fromEntries(Array.from({ length: n }, (_, i) => [`m${i}`, i === n - 1 ? 'ka.verb=create' : `m${i + 1}`])),
    });
    expect(holds('m0', ev, chain(MAX_MACRO_DEPTH))).toBe(true);
    expect(compileError('m0', chain(MAX_MACRO_DEPTH + 1)).code).toBe('limit');
  });

  it('bounds the inlined size of a rule, so doubling macros cannot blow up', () => {
    // m0 = m1 or m1, m1 = m2 or m2, …: 2^20 checks once inlined.
    const macros = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`m${i}`, `m${i + 1} or m${i + 1}`]));
    macros['m20'] = 'ka.verb=create';
    expect(compileError('m0', { macros }).code).toBe('limit');
  });

  it(`counts inlined nodes against ${MAX_CONDITION_NODES}: N passes, N+1 fails`, () => {
    const limits = { maxNodes: 7 };
    // `a and a and a` is 1 + 3 × (m = 1 + 1 check) = 7 nodes; with four `a`s it is 9.
    const d: Defs = { macros: { a: 'not ka.verb=x' } };
    expect(() => compile('a and a and a', d, limits)).not.toThrow();
    expect(compileError('a and a and a and a', d, limits).code).toBe('limit');
  });

  it('expands list names inside parentheses, nested lists flattened', () => {
    const patch = makeEvent({ verb: 'update' });
    expect(holds('ka.verb in (verbs)', patch, defs)).toBe(true);
    expect(holds('ka.verb in (more)', patch, defs)).toBe(true);
    expect(holds('ka.verb in (get, admins)', patch, defs)).toBe(false);
    expect(holds('ka.verb in verbs', patch, defs)).toBe(true);
  });

  it('keeps quoted items and unknown bare words literal', () => {
    const e = makeEvent({ verb: 'verbs' });
    expect(holds('ka.verb in ("verbs")', e, defs)).toBe(true);
    expect(holds('ka.verb in (verbs)', e, defs)).toBe(false);
    expect(holds('ka.verb in (not_a_list)', makeEvent({ verb: 'not_a_list' }), defs)).toBe(true);
  });

  it('substitutes a one-item list used as a scalar value, as Falco textually does', () => {
    expect(holds('ka.target.resource = solo', ev, defs)).toBe(true);
    expect(compileError('ka.verb = verbs', defs).code).toBe('operator');
  });

  it('compiles a macro once and shares it between conditions', () => {
    const macros = new Map([['m', parseCondition('ka.verb=create')]]);
    const compiler = new ConditionCompiler({ fields: fakeFields, macro: (n) => macros.get(n), list: () => undefined });
    const a = compiler.compile(parseCondition('m'));
    const b = compiler.compile(parseCondition('m'));
    expect(a.test).toBe(b.test);
    expect(run(a.test, ev)).toBe(true);
  });

  it('flattens the top-level and through macros into conjuncts', () => {
    const macros = new Map([
      ['kevt', parseCondition('ka.verb=create')],
      ['kact', parseCondition('(kevt and ka.user.name=alice)')],
    ]);
    const compiler = new ConditionCompiler({ fields: fakeFields, macro: (n) => macros.get(n), list: () => undefined });
    const a = compiler.compile(parseCondition('kact and ka.target.resource=pods'));
    const b = compiler.compile(parseCondition('kevt or ka.verb=get'));
    expect(a.conjuncts).toHaveLength(3);
    expect(a.conjuncts[0]).toBe(compiler.compile(parseCondition('kevt')).test);
    expect(b.conjuncts).toHaveLength(1);
  });
});

describe('condition compiler: shared checks', () => {
  it('compiles the same check written in two conditions to one closure', () => {
    const compiler = new ConditionCompiler({ fields: fakeFields, macro: () => undefined, list: () => undefined });
    const a = compiler.compile(parseCondition('ka.verb in (create, update) and ka.user.name=alice'));
    const b = compiler.compile(parseCondition('ka.target.resource=pods and ka.verb in (create,update)'));
    expect(a.conjuncts[0]).toBe(b.conjuncts[1]);
    expect(a.conjuncts[1]).not.toBe(b.conjuncts[0]);
  });

  it('keeps a quoted item and a list name apart when sharing checks', () => {
    const compiler = new ConditionCompiler({ fields: fakeFields, macro: () => undefined, list: (n) => (n === 'l' ? ['create'] : undefined) });
    const quoted = compiler.compile(parseCondition('ka.verb in ("l")')).test;
    const named = compiler.compile(parseCondition('ka.verb in (l)')).test;
    expect(run(quoted, ev)).toBe(false);
    expect(run(named, ev)).toBe(true);
  });
});
