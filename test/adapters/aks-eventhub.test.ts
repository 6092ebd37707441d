import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toAksRecords } from '../../shared/adapters/aks-envelope.ts';
import { aksEventHubAdapter } from '../../shared/adapters/aks-eventhub.ts';
import type { AuditEvent } from '../../shared/event/types.ts';
import { sampleEvent } from '../helpers/events.ts';
import { auditEventArb, expectTypedResult, junkArb } from './support.ts';

const SUB = '0b1f6471-1bf0-4dda-aec3-cb9272f09590';
const OPTS = { subscription: SUB, resourceGroup: 'rg-Prod', cluster: 'Prod-AKS', category: 'kube-audit' };
const RESOURCE_ID = `/SUBSCRIPTIONS/${SUB.toUpperCase()}/RESOURCEGROUPS/RG-PROD/PROVIDERS/MICROSOFT.CONTAINERSERVICE/MANAGEDCLUSTERS/PROD-AKS`;
const event = (auditID: string): AuditEvent => ({ ...sampleEvent(), auditID });
const ids = (events: { event: AuditEvent }[]): string[] => events.map((e) => e.event.auditID);

describe('aks-eventhub adapter', () => {
  it('maps origin: subscription, resource group and cluster lower-cased, the resourceId kept verbatim', () => {
    const body = toAksRecords([event('a')], OPTS);
    expect(body.records[0]!.resourceId).toBe(RESOURCE_ID);
    const result = aksEventHubAdapter.parse(body, { origin: { region: 'westeurope' } });
    expect(result.rejects).toEqual([]);
    expect(result.events[0]!.origin).toStrictEqual({
      provider: 'aks',
      account: SUB,
      resourceGroup: 'rg-prod',
      cluster: 'prod-aks',
      region: 'westeurope',
      resourceId: RESOURCE_ID,
    });
  });

  it('takes region from the record location when present', () => {
    const body = toAksRecords([event('a')], OPTS);
    Object.assign(body.records[0]!, { location: 'eastus2' });
    expect(aksEventHubAdapter.parse(body, { origin: { region: 'westeurope' } }).events[0]!.origin.region).toBe('eastus2');
  });

  it('reads an array of messages with Event Hub partition, sequence number and offset aligned by index', () => {
    const messages = [toAksRecords([event('a'), event('b')], OPTS), toAksRecords([event('c')], { ...OPTS, category: 'kube-audit-admin' })];
    const eventHub = { partitionId: '3', sequenceNumbers: [100, 101], offsets: ['4294967296', '4294968320'] };
    const result = aksEventHubAdapter.parse(messages, { eventHub });
    expect(ids(result.events)).toEqual(['a', 'b', 'c']);
    expect(result.events.map((e) => [e.origin.partition, e.origin.sequenceNumber, e.origin.offset])).toEqual([
      ['3', '100', '4294967296'],
      ['3', '100', '4294967296'],
      ['3', '101', '4294968320'],
    ]);
  });

  it('accepts a body given as a JSON string or as bytes, and properties.log as an object', () => {
    const json = JSON.stringify(toAksRecords([event('s')], OPTS));
    expect(ids(aksEventHubAdapter.parse(json).events)).toEqual(['s']);
    expect(ids(aksEventHubAdapter.parse(Buffer.from(json)).events)).toEqual(['s']);
    expect(ids(aksEventHubAdapter.parse([json, Buffer.from(json)]).events)).toEqual(['s', 's']);
    const body = toAksRecords([], OPTS) as { records: unknown[] };
    body.records.push({ ...toAksRecords([event('o')], OPTS).records[0]!, properties: { log: event('o'), stream: 'stdout' } });
    expect(ids(aksEventHubAdapter.parse(body).events)).toEqual(['o']);
  });

  it('skips other diagnostic categories on the same hub', () => {
    const other = toAksRecords([event('x')], { ...OPTS, category: 'kube-apiserver' });
    other.records[0]!.properties.log = 'I1120 09:14:03.123456 1 handler.go:153] plain klog text\n';
    const guard = toAksRecords([event('y')], { ...OPTS, category: 'guard' });
    const result = aksEventHubAdapter.parse({ records: [...other.records, ...guard.records, ...toAksRecords([event('a')], OPTS).records] });
    expect(result).toMatchObject({ rejects: [], skipped: 2 });
    expect(ids(result.events)).toEqual(['a']);
  });

  it('rejects a record AKS replaced with skipped-too-big-size-object, with that reason', () => {
    const body = toAksRecords([event('a'), event('big')], OPTS);
    body.records[1]!.properties.log = 'skipped-too-big-size-object\n';
    const result = aksEventHubAdapter.parse(body, { eventHub: { partitionId: '0', sequenceNumbers: [7] } });
    expect(ids(result.events)).toEqual(['a']);
    expect(result.rejects).toEqual([
      {
        adapter: 'aks-eventhub',
        where: { partition: '0', sequenceNumber: '7', record: 1 },
        reason: 'skipped-too-big-size-object: AKS dropped this kube-audit event for its size',
        raw: expect.stringContaining('"category":"kube-audit"'),
      },
    ]);
  });

  it('keeps an event whose request and response bodies AKS elided: the metadata still matters', () => {
    const body = toAksRecords([{ ...event('e'), requestObject: 'skipped-too-big-size-object', responseObject: 'skipped-too-big-size-object' }], OPTS);
    expect(aksEventHubAdapter.parse(body).events[0]?.event.requestObject).toBe('skipped-too-big-size-object');
  });

  it('rejects a bad record with its index and keeps the others', () => {
    const body = toAksRecords([event('a'), event('bad'), event('c')], OPTS) as { records: unknown[] };
    (body.records[1] as { properties: { log: string } }).properties.log = '{"kind":"Event"\n';
    body.records.push('junk', { category: 'kube-audit' }, { ...(body.records[0] as object), category: 7 });
    const result = aksEventHubAdapter.parse(body);
    expect(ids(result.events)).toEqual(['a', 'c']);
    expect(result.rejects.map((r) => [r.where.record, r.reason.replace(/^json: .*/, 'json: …')])).toEqual([
      [1, 'json: …'],
      [3, 'envelope: expected a diagnostic record object, got string "junk"'],
      [4, 'envelope: properties.log: expected a JSON string or an object, got nothing'],
      [5, 'envelope: category: expected a string, got number 7'],
    ]);
  });

  it('rejects a message that is not a {records} body, naming the stage', () => {
    expect(aksEventHubAdapter.parse('{"records": [').rejects.map((r) => r.reason)[0]).toMatch(/^json: /);
    expect(aksEventHubAdapter.parse([{ records: {} }, 5]).rejects.map((r) => [r.where, r.reason])).toEqual([
      [{}, 'envelope: expected {records: [...]}, got an object'],
      [{}, 'envelope: expected {records: [...]}, got number 5'],
    ]);
  });

  it('round-trips any valid audit events in either category: envelope(event) → adapter → event', () => {
    fc.assert(
      fc.property(fc.array(auditEventArb, { minLength: 1, maxLength: 4 }), fc.constantFrom('kube-audit', 'kube-audit-admin'), (events, category) => {
        const result = aksEventHubAdapter.parse([toAksRecords(events, { ...OPTS, category })]);
        expect(result.rejects).toEqual([]);
        expect(result.events.map((e) => e.event)).toEqual(events);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on arbitrary input and yields only typed rejects', () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    const record = fc.record({
      category: fc.oneof(fc.constantFrom('kube-audit', 'kube-audit-admin', 'guard'), json),
      resourceId: fc.oneof(fc.string(), json),
      location: json,
      properties: fc.oneof(fc.record({ log: fc.oneof(fc.string(), fc.json(), auditEventArb.map((e) => JSON.stringify(e)), json) }), json),
    });
    const body = fc.array(fc.oneof(record, junkArb), { maxLength: 4 }).map((records) => ({ records }));
    const payloads = fc.oneof(junkArb, body, fc.array(fc.oneof(body, junkArb), { maxLength: 3 }), body.map((b) => JSON.stringify(b)));
    fc.assert(
      fc.property(payloads, (payload) => expectTypedResult(aksEventHubAdapter.parse(payload, { eventHub: { sequenceNumbers: [1] } }), 'aks-eventhub')),
      { numRuns: 500 },
    );
  });
});
