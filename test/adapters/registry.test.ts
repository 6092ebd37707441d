import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toAksRecords } from '../../shared/adapters/aks-envelope.ts';
import { cloudWatchLogsMessage, toCloudWatchControlMessage, toCloudWatchSubscriptionEvent, toKinesisEvent } from '../../shared/adapters/eks-envelope.ts';
import { toCloudEvent, toGkeLogEntry, toPubSubPush } from '../../shared/adapters/gke-envelope.ts';
import { ADAPTERS, sniff } from '../../shared/adapters/registry.ts';
import { toEventList } from '../../shared/adapters/webhook-eventlist.ts';
import { sampleEvent } from '../helpers/events.ts';
import { expectTypedResult, junkArb } from './support.ts';

const CW = { cluster: 'c', account: '123456789012' };
const gke = toGkeLogEntry(sampleEvent(), { project: 'p', location: 'europe-west1', cluster: 'c' });
const aks = toAksRecords([sampleEvent()], { subscription: 's', resourceGroup: 'rg', cluster: 'c', category: 'kube-audit' });

const ENVELOPES: [string, unknown][] = [
  ['eks-cloudwatch', toCloudWatchSubscriptionEvent([sampleEvent()], CW)],
  ['eks-cloudwatch', toCloudWatchControlMessage()],
  ['eks-kinesis', toKinesisEvent([cloudWatchLogsMessage([sampleEvent()], CW)], { region: 'us-east-1', account: '123456789012' })],
  ['gke-pubsub', toPubSubPush(gke)],
  ['gke-pubsub', toCloudEvent(gke)],
  ['gke-logentry', gke],
  ['gke-logentry', [gke, gke]],
  ['aks-eventhub', aks],
  ['aks-eventhub', [aks, aks]],
  ['webhook-eventlist', toEventList([sampleEvent()])],
  ['webhook-eventlist', toEventList([])],
  ['webhook-eventlist', sampleEvent()],
  ['webhook-eventlist', [sampleEvent(), sampleEvent()]],
];

describe('adapter registry', () => {
  it('lists each adapter once under its own name', () => {
    for (const [name, adapter] of ADAPTERS) expect(adapter.name).toBe(name);
    expect([...ADAPTERS.keys()]).toEqual(expect.arrayContaining(['eks-kinesis', 'eks-cloudwatch', 'gke-pubsub', 'gke-logentry', 'aks-eventhub', 'webhook-eventlist']));
  });

  it.each(ENVELOPES)('sniffs %s and no other adapter claims the same payload', (name, payload) => {
    expect(sniff(payload)?.name).toBe(name);
    expect([...ADAPTERS.values()].filter((a) => a.matches(payload)).map((a) => a.name)).toEqual([name]);
  });

  it.each([null, undefined, 42, 'text', [], [1, 2], {}, { foo: 1 }, { Records: [] }, { records: [] }, { awslogs: {} }, { kind: 'Status' }, Buffer.from('{}')])(
    'sniffs nothing for %j',
    (junk) => {
      expect(sniff(junk)).toBeUndefined();
    },
  );

  it('never throws while sniffing, and whatever it picks parses to typed results', () => {
    // Junk, real envelopes, and real envelopes with one top-level value replaced by junk.
    const damaged = fc.tuple(fc.constantFrom(...ENVELOPES.map(([, p]) => p)), junkArb).map(([payload, junk]) => {
      if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return payload;
      const copy = structuredClone(payload) as Record<string, unknown>;
      const keys = Object.keys(copy);
      if (keys.length > 0) copy[keys[JSON.stringify(junk ?? null).length % keys.length]!] = junk;
      return copy;
    });
    let picked = 0;
    fc.assert(
      fc.property(fc.oneof(junkArb, fc.constantFrom(...ENVELOPES.map(([, p]) => p)), damaged), (payload) => {
        const adapter = sniff(payload);
        if (!adapter) return;
        picked++;
        // Any adapter's reason leads with the stage that failed (the GKE adapters add `logentry`).
        expectTypedResult(adapter.parse(payload), adapter.name, /^[a-z0-9-]+: \S/);
      }),
      { numRuns: 500 },
    );
    expect(picked).toBeGreaterThan(50);
  });
});
