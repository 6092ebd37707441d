import { describe, expect, it } from 'vitest';
import { EvalContext } from '../../shared/engine/condition/context.ts';
import { ConditionError } from '../../shared/engine/errors.ts';
import { compileOutput, renderOutput } from '../../shared/engine/output.ts';
import type { CanonicalEvent } from '../../shared/event/types.ts';
import { fakeFields, makeEvent } from './fake-fields.ts';

function render(fmt: string, ev: CanonicalEvent = makeEvent()) {
  const t = compileOutput(fmt, fakeFields);
  const ctx = new EvalContext();
  ctx.reset(ev);
  return renderOutput(t, ctx);
}

function outputError(fmt: string): ConditionError {
  try {
    compileOutput(fmt, fakeFields);
  } catch (e) {
    if (e instanceof ConditionError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('output rendering', () => {
  it('interpolates %field and maps each field name to its value', () => {
    const r = render('user=%ka.user.name verb=%ka.verb');
    expect(r.output).toBe('user=alice verb=create');
    expect(r.outputFields).toEqual({ 'ka.user.name': 'alice', 'ka.verb': 'create' });
  });

  it('ends a field name at the longest registered name', () => {
    const r = render('target=%ka.target.name/%ka.target.resource.');
    expect(r.output).toBe('target=web/pods.');
    expect(Object.keys(r.outputFields)).toEqual(['ka.target.name', 'ka.target.resource']);
  });

  it('prints <NA> for an absent value and records null', () => {
    const r = render('sub=%ka.target.subresource)');
    expect(r.output).toBe('sub=<NA>)');
    expect(r.outputFields['ka.target.subresource']).toBeNull();
  });

  it('keys argument fields with the argument as written', () => {
    const r = render('cmd=%ka.uri.param[command] stage=%jevt.value[/stage]', makeEvent({ requestURI: '/x/exec?command=sh' }));
    expect(r.output).toBe('cmd=sh stage=ResponseComplete');
    expect(r.outputFields).toEqual({ 'ka.uri.param[command]': 'sh', 'jevt.value[/stage]': 'ResponseComplete' });
  });

  it('prints list fields as (a,b) like libsinsp, and an empty list as <NA>', () => {
    const pod = makeEvent({ requestObject: { spec: { containers: [{ image: 'a:1' }, { image: 'b:2' }] } } });
    expect(render('images=%ka.req.pod.containers.image', pod).output).toBe('images=(a:1,b:2)');
    expect(render('first=%ka.req.pod.containers.image[0]', pod).output).toBe('first=a:1');
    expect(render('images=%ka.req.pod.containers.image', makeEvent()).output).toBe('images=<NA>');
  });

  it('prints typed values by their string form', () => {
    const r = render('n=%test.count f=%test.flag', makeEvent({ requestObject: { count: 7, flag: false } }));
    expect(r.output).toBe('n=7 f=false');
  });

  it('pads or cuts to a %NNfield width', () => {
    expect(render('[%8ka.verb]').output).toBe('[create  ]');
    expect(render('[%3ka.verb]').output).toBe('[cre]');
  });

  it('refuses an unknown output field at its %', () => {
    const e = outputError('user=%ka.usr.name');
    expect(e.code).toBe('unknown-field');
    expect(e.offset).toBe(5);
    expect(e.message).toMatch(/ka\.usr\.name/);
  });

  it('refuses a lone %, as Falco has no escape for it', () => {
    expect(outputError('at 90% load').code).toBe('output');
    expect(outputError('ends with %').code).toBe('output');
  });

  it('refuses a missing argument and an unclosed bracket', () => {
    expect(outputError('%ka.uri.param here').code).toBe('field-arg');
    expect(outputError('%jevt.value[/stage').code).toBe('output');
  });

  it('leaves a bracket after a field without arguments as text', () => {
    expect(render('%ka.verb[x]').output).toBe('create[x]');
  });
});
