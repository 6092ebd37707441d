import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../shared/event/types.ts';
import { eventSize, projectEvent } from '../../shared/policy/project.ts';
import { sampleEvent } from '../helpers/events.ts';

const managed = [{ manager: 'kubectl', operation: 'Update', fieldsV1: { 'f:data': {} } }];
const full = (): AuditEvent => ({
  ...sampleEvent(),
  level: 'RequestResponse',
  requestObject: { kind: 'Secret', metadata: { name: 'db-password', managedFields: managed } },
  responseObject: { kind: 'SecretList', items: [{ metadata: { name: 'a', managedFields: managed } }] },
});

describe('projectEvent', () => {
  it('keeps everything at the recorded level', () => {
    expect(projectEvent(full(), 'RequestResponse', [])).toEqual(full());
  });

  it('drops the response object at Request', () => {
    const ev = projectEvent(full(), 'Request', [])!;
    expect(ev.level).toBe('Request');
    expect(ev.requestObject).toBeDefined();
    expect(ev).not.toHaveProperty('responseObject');
  });

  it('drops both objects at Metadata, keeping the rest', () => {
    const ev = projectEvent(full(), 'Metadata', [])!;
    expect(ev).not.toHaveProperty('requestObject');
    expect(ev).not.toHaveProperty('responseObject');
    expect(ev.objectRef).toEqual(full().objectRef);
    expect(ev.annotations).toEqual(full().annotations);
  });

  it('writes nothing at None', () => {
    expect(projectEvent(full(), 'None', [])).toBeUndefined();
  });

  it('writes nothing for an omitted stage', () => {
    expect(projectEvent({ ...full(), stage: 'RequestReceived' }, 'Metadata', ['RequestReceived'])).toBeUndefined();
    expect(projectEvent(full(), 'Metadata', ['RequestReceived'])).toBeDefined();
  });

  it('never raises the level above what was recorded', () => {
    const ev = projectEvent(sampleEvent(), 'RequestResponse', [])!;
    expect(ev.level).toBe('Metadata');
  });

  it('strips managedFields from objects and list items when asked', () => {
    const ev = projectEvent(full(), 'RequestResponse', [], { omitManagedFields: true })!;
    expect(ev.requestObject).toEqual({ kind: 'Secret', metadata: { name: 'db-password' } });
    expect(ev.responseObject).toEqual({ kind: 'SecretList', items: [{ metadata: { name: 'a' } }] });
  });

  it('does not modify the recorded event', () => {
    const ev = full();
    projectEvent(ev, 'Metadata', [], { omitManagedFields: true });
    expect(ev).toEqual(full());
  });

  it('makes lower levels smaller, which is what simulate reports', () => {
    const sizes = (['RequestResponse', 'Request', 'Metadata'] as const).map((l) => eventSize(projectEvent(full(), l, [])!));
    expect(sizes[0]).toBeGreaterThan(sizes[1]!);
    expect(sizes[1]).toBeGreaterThan(sizes[2]!);
    expect(eventSize(sampleEvent())).toBe(Buffer.byteLength(JSON.stringify(sampleEvent())) + 1);
  });
});
