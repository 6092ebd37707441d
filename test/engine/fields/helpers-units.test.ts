import { describe, expect, it } from 'vitest';
import { parseImage, imageRepository } from '../../../shared/engine/fields/image.ts';
import { escapeToken, parsePointer, resolveTokens } from '../../../shared/engine/fields/json-pointer.ts';
import { own, ownPath, toText } from '../../../shared/engine/fields/own.ts';
import { parseIndex } from '../../../shared/engine/fields/list.ts';
import { formatIso8601, parseRfc3339Nanos } from '../../../shared/engine/fields/timestamp.ts';
import { podView } from '../../../shared/engine/fields/pod.ts';
import { podCreate } from './helpers.ts';

describe('image references', () => {
  it.each([
    ['nginx', 'nginx'],
    ['nginx:1.25', 'nginx'],
    ['library/nginx:1.25', 'library/nginx'],
    ['docker.io/falcosecurity/falco:0.38.0', 'docker.io/falcosecurity/falco'],
    ['gcr.io/proj/app@sha256:abc', 'gcr.io/proj/app'],
    ['gcr.io/proj/app:1.0@sha256:abc', 'gcr.io/proj/app'],
    ['localhost:5000/app', 'localhost:5000/app'],
    ['registry.example.com:5000/team/app:2.1', 'registry.example.com:5000/team/app'],
    ['', ''],
  ])('gives %j the repository %j', (image, repo) => {
    expect(imageRepository(image)).toBe(repo);
  });

  it('splits registry, tag and digest', () => {
    expect(parseImage('reg.io:443/a/b:t@sha256:d')).toEqual({ registry: 'reg.io:443', repository: 'reg.io:443/a/b', tag: 't', digest: 'sha256:d' });
    expect(parseImage('team/app').registry).toBe('');
    expect(parseImage('localhost/app').registry).toBe('localhost');
  });
});

describe('JSON pointers', () => {
  it('parse per RFC 6901, ~1 before ~0', () => {
    expect(parsePointer('')).toEqual([]);
    expect(parsePointer('/')).toEqual(['']);
    expect(parsePointer('/a~1b/c~0d/~01')).toEqual(['a/b', 'c~d', '~1']);
    expect(parsePointer('/a~')).toBeUndefined();
  });

  it('escape tokens back', () => {
    expect(escapeToken('a/b~c')).toBe('a~1b~0c');
    expect(parsePointer(`/${escapeToken('x~/y')}`)).toEqual(['x~/y']);
  });

  it('resolve through objects and arrays, own properties only', () => {
    const doc = { a: [{ b: 1 }], 'k/v': 'x' };
    expect(resolveTokens(doc, ['a', '0', 'b'])).toBe(1);
    expect(resolveTokens(doc, ['k/v'])).toBe('x');
    expect(resolveTokens(doc, ['toString'])).toBeUndefined();
    expect(resolveTokens(doc, ['a', 'length'])).toBeUndefined();
  });
});

describe('own-property reads', () => {
  it('ignore inherited members', () => {
    expect(own({}, 'constructor')).toBeUndefined();
    expect(ownPath({ a: {} }, 'a', 'hasOwnProperty')).toBeUndefined();
    expect(own([1], '0')).toBeUndefined();
  });

  it('render values as upstream does', () => {
    expect(toText('s')).toBe('s');
    expect(toText(0)).toBe('0');
    expect(toText(false)).toBe('false');
    expect(toText(null)).toBe('null');
    expect(toText({ a: [1, 'x'] })).toBe('{"a":[1,"x"]}');
    expect(toText(undefined)).toBeUndefined();
  });
});

describe('index arguments', () => {
  it('accept non-negative integers only', () => {
    expect(parseIndex('0')).toBe(0);
    expect(parseIndex('17')).toBe(17);
    for (const bad of ['', '-1', '1.5', 'x', ' 1', '1e3', '9999999999']) expect(parseIndex(bad), bad).toBeUndefined();
  });
});

describe('RFC 3339 timestamps', () => {
  it('parse to nanoseconds and format back', () => {
    const ns = parseRfc3339Nanos('1970-01-01T00:00:01.5Z');
    expect(ns).toBe(1_500_000_000n);
    expect(formatIso8601(ns as bigint)).toBe('1970-01-01T00:00:01.500000000+0000');
    expect(formatIso8601(-1n)).toBe('1969-12-31T23:59:59.999999999+0000');
  });

  it('reject impossible dates and loose shapes', () => {
    for (const bad of ['2024-04-31T00:00:00Z', '2024-05-01 10:00:00Z', '2024-05-01T24:00:00Z', '2024-05-01T10:00:60Z', '2024-05-01T10:00:00']) {
      expect(parseRfc3339Nanos(bad), bad).toBeUndefined();
    }
  });
});

describe('pod view', () => {
  it('is located once per event and shared by every pod field', () => {
    const ev = podCreate();
    const view = podView(ev);
    expect(podView(ev)).toBe(view);
    expect(view.lists.containers).toHaveLength(2);
    expect(podView(podCreate())).not.toBe(view);
  });
});
