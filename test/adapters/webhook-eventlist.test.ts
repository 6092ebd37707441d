import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toEventList, webhookEventListAdapter } from '../../shared/adapters/webhook-eventlist.ts';
import type { AuditEvent } from '../../shared/event/types.ts';
import { sampleEvent } from '../helpers/events.ts';
import { auditEventArb, expectTypedResult, junkArb } from './support.ts';

const CTX = { origin: { cluster: 'onprem-dc1' } };
const event = (auditID: string): AuditEvent => ({ ...sampleEvent(), auditID });
const ids = (events: { event: AuditEvent }[]): string[] => events.map((e) => e.event.auditID);

describe('webhook-eventlist adapter', () => {
  it('reads an EventList as the apiserver posts it, with the cluster from ctx and provider onprem', () => {
    const list = toEventList([event('a'), event('b')]);
    expect(list.items[0]).not.toHaveProperty('kind');
    const result = webhookEventListAdapter.parse(list, CTX);
    expect(result.rejects).toEqual([]);
    expect(ids(result.events)).toEqual(['a', 'b']);
    expect(result.events[0]!.origin).toStrictEqual({ provider: 'onprem', cluster: 'onprem-dc1' });
    expect(result.events[0]!.event).toEqual(event('a'));
  });

  it('never takes the cluster from the body', () => {
    const list = { ...toEventList([event('a')]), metadata: { name: 'evil', clusterName: 'evil' }, cluster: 'evil' };
    expect(webhookEventListAdapter.parse(list).events[0]!.origin).toStrictEqual({ provider: 'onprem' });
  });

  it('normalises a v1beta1 EventList whose items carry only the legacy timestamp', () => {
    const { requestReceivedTimestamp: _r, stageTimestamp: _s, kind: _k, apiVersion: _a, ...item } = event('old');
    const list = { kind: 'EventList', apiVersion: 'audit.k8s.io/v1beta1', metadata: {}, items: [{ ...item, timestamp: '2019-01-01T10:00:00Z' }] };
    const [ce] = webhookEventListAdapter.parse(list, CTX).events;
    expect(ce?.event).toMatchObject({ apiVersion: 'audit.k8s.io/v1', requestReceivedTimestamp: '2019-01-01T10:00:00Z', stageTimestamp: '2019-01-01T10:00:00Z' });
    expect(list.items[0]).toHaveProperty('timestamp'); // the caller's payload is untouched
  });

  it('accepts a single Event and an array of Events (what Falco’s webhook accepts)', () => {
    expect(ids(webhookEventListAdapter.parse(event('one'), CTX).events)).toEqual(['one']);
    expect(ids(webhookEventListAdapter.parse([event('x'), event('y')], CTX).events)).toEqual(['x', 'y']);
  });

  it('rejects one bad item with its index and returns the others', () => {
    const list = toEventList([event('a'), event('b'), event('c')]) as { items: unknown[] };
    list.items[1] = { ...(list.items[1] as object), verb: 5 };
    const result = webhookEventListAdapter.parse(list, CTX);
    expect(ids(result.events)).toEqual(['a', 'c']);
    expect(result.rejects).toEqual([
      {
        adapter: 'webhook-eventlist',
        where: { cluster: 'onprem-dc1', record: 1 },
        reason: 'event: verb: expected a string, got number 5',
        raw: expect.stringContaining('"auditID":"b"'),
      },
    ]);
  });

  it('treats an empty batch (items null or []) as nothing', () => {
    expect(webhookEventListAdapter.parse({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: null })).toEqual({ events: [], rejects: [], skipped: 0, control: 0 });
    expect(webhookEventListAdapter.parse(toEventList([])).events).toEqual([]);
  });

  it.each([
    ['a number', 42, 'envelope: expected an EventList, an Event or an array of Events, got number 42'],
    ['an unknown list version', { kind: 'EventList', apiVersion: 'audit.k8s.io/v2', items: [] }, 'envelope: EventList apiVersion: expected audit.k8s.io/v1 or v1beta1, got string "audit.k8s.io/v2"'],
    ['items not an array', { kind: 'EventList', items: {} }, 'envelope: EventList items: expected an array, got an object'],
  ])('rejects the whole body when it is %s', (_name, payload, reason) => {
    expect(webhookEventListAdapter.parse(payload, CTX).rejects.map((r) => [r.where, r.reason])).toEqual([[{ cluster: 'onprem-dc1' }, reason]]);
  });

  it('round-trips any valid audit events: toEventList(events) → adapter → events', () => {
    fc.assert(
      fc.property(fc.array(auditEventArb, { maxLength: 5 }), (events) => {
        const result = webhookEventListAdapter.parse(JSON.parse(JSON.stringify(toEventList(events))), CTX);
        expect(result.rejects).toEqual([]);
        expect(result.events.map((e) => e.event)).toEqual(events);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on arbitrary input and yields only typed rejects', () => {
    const list = fc.record({ kind: fc.constant('EventList'), apiVersion: fc.oneof(fc.constant('audit.k8s.io/v1beta1'), junkArb), items: fc.oneof(fc.array(fc.oneof(auditEventArb, junkArb)), junkArb) });
    fc.assert(
      fc.property(fc.oneof(junkArb, list, fc.array(fc.oneof(auditEventArb, junkArb), { maxLength: 4 })), (payload) =>
        expectTypedResult(webhookEventListAdapter.parse(payload, CTX), 'webhook-eventlist'),
      ),
      { numRuns: 500 },
    );
  });
});
