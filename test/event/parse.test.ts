import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventValidationError } from '../../shared/event/errors.ts';
import { parseAuditEvent } from '../../shared/event/parse.ts';
import { sampleEvent } from '../helpers/events.ts';

const problemOf = (input: unknown): string => {
  try {
    parseAuditEvent(input);
  } catch (err) {
    if (err instanceof EventValidationError) return err.message;
    throw err;
  }
  throw new Error('expected a validation error');
};

describe('parseAuditEvent', () => {
  it('accepts a complete v1 event and returns it unchanged', () => {
    const ev = sampleEvent();
    expect(parseAuditEvent(structuredClone(ev))).toEqual(ev);
  });

  it('keeps unknown extra fields a newer apiserver may add', () => {
    const ev = { ...sampleEvent(), futureField: { x: 1 } };
    expect(parseAuditEvent(ev)).toHaveProperty('futureField', { x: 1 });
  });

  it('accepts webhook items that carry no kind or apiVersion', () => {
    const { kind: _k, apiVersion: _a, ...item } = sampleEvent();
    expect(parseAuditEvent(item).verb).toBe('get');
  });

  it.each(['level', 'auditID', 'stage', 'requestURI', 'verb', 'user'])('names the missing required field %s', (field) => {
    const ev = sampleEvent() as unknown as Record<string, unknown>;
    delete ev[field];
    expect(problemOf(ev)).toBe(`${field}: is required`);
  });

  it('names a nested field of the wrong type with its path', () => {
    const ev = sampleEvent() as unknown as { user: { groups: unknown[] } };
    ev.user.groups[1] = 7;
    expect(problemOf(ev)).toBe('user.groups[1]: expected a string, got number 7');
  });

  it('rejects an unknown stage, listing the allowed ones', () => {
    expect(problemOf({ ...sampleEvent(), stage: 'Done' })).toBe(
      'stage: expected one of RequestReceived|ResponseStarted|ResponseComplete|Panic, got string "Done"',
    );
  });

  it('rejects a non-integer response code', () => {
    expect(problemOf({ ...sampleEvent(), responseStatus: { code: '200' } })).toBe('responseStatus.code: expected an integer, got string "200"');
  });

  it('rejects a timestamp that is not RFC 3339', () => {
    expect(problemOf({ ...sampleEvent(), stageTimestamp: '20/11/2026' })).toMatch(/^stageTimestamp: expected an RFC 3339 timestamp/);
  });

  it('rejects user.extra values that are not string arrays', () => {
    const ev = sampleEvent();
    (ev.user as Record<string, unknown>).extra = { arn: 'arn:aws:iam::1:role/x' };
    expect(problemOf(ev)).toBe('user.extra.arn: expected an array, got string "arn:aws:iam::1:role/x"');
  });

  it('rejects an apiVersion other than audit.k8s.io v1 or v1beta1', () => {
    expect(problemOf({ ...sampleEvent(), apiVersion: 'audit.k8s.io/v1alpha1' })).toMatch(/^apiVersion: expected one of/);
  });

  it('rejects a top-level value that is not an object', () => {
    expect(problemOf([sampleEvent()])).toBe('expected an object, got an array');
  });

  it('treats null optional fields as omitted', () => {
    expect(parseAuditEvent({ ...sampleEvent(), objectRef: null, userAgent: null }).verb).toBe('get');
  });

  it('normalises a v1beta1 event: timestamp becomes the stage timestamps, metadata dropped', () => {
    const { requestReceivedTimestamp: _r, stageTimestamp: _s, ...rest } = sampleEvent();
    const legacy = { ...rest, apiVersion: 'audit.k8s.io/v1beta1', timestamp: '2019-01-01T10:00:00Z', metadata: { creationTimestamp: '2019-01-01T10:00:00Z' } };
    const ev = parseAuditEvent(legacy);
    expect(ev.apiVersion).toBe('audit.k8s.io/v1');
    expect(ev.requestReceivedTimestamp).toBe('2019-01-01T10:00:00Z');
    expect(ev.stageTimestamp).toBe('2019-01-01T10:00:00Z');
    expect(ev).not.toHaveProperty('metadata');
    expect(ev).not.toHaveProperty('timestamp');
  });

  it('never throws anything but EventValidationError on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        try {
          parseAuditEvent(v);
        } catch (err) {
          expect(err).toBeInstanceOf(EventValidationError);
        }
      }),
    );
  });

  it('never throws anything but EventValidationError when one field of a valid event is replaced', () => {
    const keys = Object.keys(sampleEvent());
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue(), (key, value) => {
        try {
          parseAuditEvent({ ...sampleEvent(), [key]: value });
        } catch (err) {
          expect(err).toBeInstanceOf(EventValidationError);
        }
      }),
    );
  });
});
