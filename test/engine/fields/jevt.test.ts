import { describe, expect, it } from 'vitest';
import { fieldRegistry } from '../../../shared/engine/fields/index.ts';
import { field, podCreate } from './helpers.ts';

const ev = podCreate();

describe('jevt.value', () => {
  it('returns a string as itself', () => {
    expect(field('jevt.value', ev, '/stage')).toBe('ResponseComplete');
    expect(field('jevt.value', ev, '/objectRef/namespace')).toBe('payments');
  });

  it('returns any other value as compact JSON text', () => {
    expect(field('jevt.value', ev, '/responseStatus/code')).toBe('201');
    expect(field('jevt.value', ev, '/requestObject/spec/hostNetwork')).toBe('true');
    expect(field('jevt.value', ev, '/requestObject/metadata/creationTimestamp')).toBe('null');
    expect(field('jevt.value', ev, '/user/groups')).toBe('["system:masters","system:authenticated"]');
  });

  it('indexes arrays with canonical decimal indexes only', () => {
    expect(field('jevt.value', ev, '/requestObject/spec/containers/1/name')).toBe('sidecar');
    expect(field('jevt.value', ev, '/requestObject/spec/containers/01/name')).toBeUndefined();
    expect(field('jevt.value', ev, '/requestObject/spec/containers/-')).toBeUndefined();
    expect(field('jevt.value', ev, '/requestObject/spec/containers/9')).toBeUndefined();
  });

  it('unescapes ~1 to / and ~0 to ~ in keys', () => {
    expect(field('jevt.value', ev, '/annotations/authorization.k8s.io~1decision')).toBe('allow');
    const tilde = podCreate((e) => (e.annotations = { 'a~/b': 'x', 'a~1b': 'y' }));
    expect(field('jevt.value', tilde, '/annotations/a~0~1b')).toBe('x');
    expect(field('jevt.value', tilde, '/annotations/a~01b')).toBe('y');
  });

  it('treats a pointer with an invalid escape as pointing nowhere', () => {
    expect(field('jevt.value', ev, '/annotations/a~2b')).toBeUndefined();
  });

  it('accepts a pointer without its leading slash, as upstream does', () => {
    expect(field('jevt.value', ev, 'stage')).toBe('ResponseComplete');
  });

  it('is absent for a missing path, and never reads inherited members', () => {
    expect(field('jevt.value', ev, '/nothing/here')).toBeUndefined();
    expect(field('jevt.value', ev, '/requestObject/constructor')).toBeUndefined();
    expect(field('jevt.value', ev, '/user/groups/length')).toBeUndefined();
    expect(field('jevt.value', ev, '/__proto__')).toBeUndefined();
  });

  it('reads an own __proto__ key of parsed JSON like any other key', () => {
    const parsed = podCreate((e) => (e.requestObject = JSON.parse('{"__proto__":{"x":"y"}}')));
    expect(field('jevt.value', parsed, '/requestObject/__proto__/x')).toBe('y');
  });

  it('returns the whole event for the empty pointer', () => {
    expect(JSON.parse(field('jevt.value', ev, '') as string)).toEqual(ev.event);
  });
});

describe('jevt.obj', () => {
  it('renders the whole event as JSON indented by two spaces', () => {
    const obj = field('jevt.obj', ev) as string;
    expect(obj).toBe(JSON.stringify(ev.event, null, 2));
    expect(obj.split('\n')[1]).toBe('  "kind": "Event",');
  });
});

describe('event time fields', () => {
  it('gives the stage timestamp in nanoseconds since the epoch as a string', () => {
    expect(field('jevt.rawtime', ev)).toBe('1714557600987654000');
  });

  it('formats the time of day and ISO 8601 time with nanoseconds in UTC', () => {
    expect(field('jevt.time', ev)).toBe('10:00:00.987654000');
    expect(field('jevt.time.iso8601', ev)).toBe('2024-05-01T10:00:00.987654000+0000');
  });

  it('keeps full nanosecond precision and honours offsets', () => {
    const precise = podCreate((e) => (e.stageTimestamp = '2024-05-01T12:30:00.123456789+02:30'));
    expect(field('jevt.rawtime', precise)).toBe('1714557600123456789');
    expect(field('jevt.time.iso8601', precise)).toBe('2024-05-01T10:00:00.123456789+0000');
  });

  it('falls back to the request received timestamp', () => {
    const noStage = podCreate((e) => delete e.stageTimestamp);
    expect(field('jevt.rawtime', noStage)).toBe('1714557600123456000');
  });

  it('is absent when no timestamp parses', () => {
    const bad = podCreate((e) => {
      e.stageTimestamp = '2024-02-30T00:00:00Z';
      e.requestReceivedTimestamp = 'yesterday';
    });
    expect(field('jevt.rawtime', bad)).toBeUndefined();
    expect(field('jevt.time', bad)).toBeUndefined();
  });
});

describe('json.* aliases', () => {
  it('resolve to the same definitions as jevt.*', () => {
    expect(fieldRegistry.get('json.value')).toBe(fieldRegistry.get('jevt.value'));
    expect(fieldRegistry.get('json.obj')).toBe(fieldRegistry.get('jevt.obj'));
    expect(fieldRegistry.get('json.rawtime')).toBe(fieldRegistry.get('jevt.rawtime'));
    expect(field('json.value', ev, '/verb')).toBe('create');
  });

  it('are not listed separately', () => {
    expect(fieldRegistry.all().some((d) => d.name.startsWith('json.'))).toBe(false);
  });
});
