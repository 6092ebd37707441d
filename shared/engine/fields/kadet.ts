// kadet.*: where an event came from (CanonicalEvent.origin) and how much the apiserver logged.

import type { CanonicalEvent, Origin } from '../../event/types.ts';
import { text } from './define.ts';
import { asString, own, toText } from './own.ts';
import type { FieldDef } from './types.ts';

const origin = (ev: CanonicalEvent, key: keyof Origin): string | undefined => asString(own(own(ev, 'origin'), key));

/** Delivery coordinates in a fixed order; `key=value` pairs joined by spaces. */
const SOURCE_KEYS: readonly (keyof Origin)[] = [
  'file',
  'line',
  'logGroup',
  'logStream',
  'eventId',
  'messageId',
  'partition',
  'sequenceNumber',
  'offset',
];

export const kadetFields: readonly FieldDef[] = [
  text('kadet.provider', 'Where the event was collected: eks, gke, aks, onprem or file (`origin.provider`).', (ev) => origin(ev, 'provider')),
  text(
    'kadet.cluster',
    'The cluster name the adapter determined (EKS: from the log group; GKE: resource labels; AKS: resource ID; webhook: its URL or credential).',
    (ev) => origin(ev, 'cluster'),
  ),
  text('kadet.account', 'The AWS account, GCP project or Azure subscription of the cluster (`origin.account`).', (ev) => origin(ev, 'account')),
  text('kadet.region', 'The AWS region, GCP location or Azure region of the cluster (`origin.region`).', (ev) => origin(ev, 'region')),
  text('kadet.resource_group', 'The Azure resource group of an AKS cluster (`origin.resourceGroup`).', (ev) => origin(ev, 'resourceGroup')),
  text(
    'kadet.level',
    'The audit level the apiserver logged the event at: Metadata, Request or RequestResponse (tells whether request/response objects can be present).',
    (ev) => asString(own(own(ev, 'event'), 'level')),
  ),
  text(
    'kadet.source',
    'Where the raw record can be found, as `key=value` pairs, e.g. `logGroup=/aws/eks/prod/cluster logStream=kube-apiserver-audit-1a2b eventId=3791…` or `file=audit.log line=12`.',
    (ev) => {
      const o = own(ev, 'origin');
      const parts: string[] = [];
      for (const key of SOURCE_KEYS) {
        const v = own(o, key);
        const t = typeof v === 'string' || typeof v === 'number' ? toText(v) : undefined;
        if (t !== undefined && t !== '') parts.push(`${key}=${t}`);
      }
      return parts.length === 0 ? undefined : parts.join(' ');
    },
  ),
];
