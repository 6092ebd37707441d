// `npm run events` (second step): one faithful sample per entry point, plus raw exports, all cut from
// the same scenario (events/audit.log), so `kadet invoke` and `kadet scan` tell the same attack story.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { toAksRecords } from '../shared/adapters/aks-envelope.ts';
import { cloudWatchLogsMessage, toCloudWatchSubscriptionEvent, toKinesisEvent } from '../shared/adapters/eks-envelope.ts';
import { toCloudEvent, toGkeLogEntry, toPubSubPush } from '../shared/adapters/gke-envelope.ts';
import { toEventList } from '../shared/adapters/webhook-eventlist.ts';
import { SAMPLE_WEBHOOK_TOKEN } from '../shared/cli/invoke-run.ts';
import { parseAuditEvent } from '../shared/event/parse.ts';
import type { AuditEvent } from '../shared/event/types.ts';

const dir = import.meta.dirname;
const ATTACKER_IPS = new Set(['203.0.113.45', '198.51.100.77']);
const EKS = { cluster: 'prod-eks', account: '123456789012', region: 'eu-west-1' };
const GKE = { project: 'acme-prod', location: 'europe-west1', cluster: 'prod-gke' };
const AKS = { subscription: '5f2c1d4e-8a7b-4c3d-9e1f-0a2b3c4d5e6f', resourceGroup: 'rg-prod', cluster: 'Prod-AKS' };
const ONPREM_CLUSTER = 'onprem-prod';

const all: AuditEvent[] = readFileSync(join(dir, 'audit.log'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => parseAuditEvent(JSON.parse(l)));

/** The attack story: every request from the attackers' addresses or with the stolen web token. */
const attack = all.filter((e) => e.sourceIPs?.some((ip) => ATTACKER_IPS.has(ip)) || e.user.username === 'system:serviceaccount:prod:web');
/** A slice of ordinary traffic around it, so samples look like a real batch. */
const benign = all.filter((e) => !attack.includes(e)).slice(0, 40);
const batch = [...benign, ...attack].sort((a, b) => (a.stageTimestamp ?? '').localeCompare(b.stageTimestamp ?? ''));
const one = (pred: (e: AuditEvent) => boolean): AuditEvent => {
  const found = attack.find(pred);
  if (!found) throw new Error('the scenario no longer holds a sample event this script needs');
  return found;
};
const crbCreate = one((e) => e.objectRef?.resource === 'clusterrolebindings' && e.verb === 'create' && e.stage === 'ResponseComplete');
const kubeSystemExec = one((e) => e.objectRef?.subresource === 'exec' && e.objectRef.namespace === 'kube-system');

const write = (name: string, value: unknown): void => writeFileSync(join(dir, name), JSON.stringify(value, null, 2) + '\n');

// EKS: subscription filter → Lambda, and the high-volume path through Kinesis (two records).
write('eks-cloudwatch-subscription.json', toCloudWatchSubscriptionEvent(batch, EKS));
const half = Math.ceil(batch.length / 2);
write('eks-kinesis.json', toKinesisEvent([cloudWatchLogsMessage(batch.slice(0, half), EKS), cloudWatchLogsMessage(batch.slice(half), EKS)], EKS));
// What a Firehose delivery of the same subscription writes to S3: one decoded message per line.
writeFileSync(join(dir, 'eks-firehose-export.jsonl'), JSON.stringify(cloudWatchLogsMessage(batch, EKS)) + '\n');

// GKE: one LogEntry per Pub/Sub message.
const opts = { topic: 'projects/acme-prod/topics/kadet-audit', subscription: 'projects/acme-prod/subscriptions/kadet-push' };
write('gke-pubsub-push.json', toPubSubPush(toGkeLogEntry(crbCreate, GKE), opts));
write('gke-pubsub-cloudevent.json', toCloudEvent(toGkeLogEntry(kubeSystemExec, GKE), opts));
write('gke-logentries.json', batch.map((e) => toGkeLogEntry(e, GKE)));

// AKS: one Event Hub message body; the diagnostic setting sends kube-audit records.
write('aks-eventhub.json', toAksRecords(batch, { ...AKS, category: 'kube-audit' }));
write('aks-records.json', toAksRecords(all.slice(0, 200).concat(attack), { ...AKS, category: 'kube-audit' }));

// On-prem: the apiserver's webhook backend POSTs an EventList through API Gateway.
const body = JSON.stringify(toEventList(batch));
const path = `/k8s-audit/${ONPREM_CLUSTER}`;
const time = new Date(batch.at(-1)?.stageTimestamp ?? Date.now());
const headers = {
  'Content-Type': 'application/json',
  Authorization: `Bearer ${SAMPLE_WEBHOOK_TOKEN}`,
  'User-Agent': 'kube-apiserver-admission',
  Host: 'k1a2b3c4d5.execute-api.eu-west-1.amazonaws.com',
  'X-Forwarded-For': '192.0.2.10',
  'X-Forwarded-Proto': 'https',
};
write('onprem-webhook-apigw-v1.json', {
  resource: '/k8s-audit/{cluster}',
  path,
  httpMethod: 'POST',
  headers,
  multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
  queryStringParameters: null,
  multiValueQueryStringParameters: null,
  pathParameters: { cluster: ONPREM_CLUSTER },
  stageVariables: null,
  requestContext: {
    resourceId: 'a1b2c3',
    resourcePath: '/k8s-audit/{cluster}',
    httpMethod: 'POST',
    requestTime: time.toUTCString(),
    requestTimeEpoch: time.getTime(),
    path: `/prod${path}`,
    accountId: EKS.account,
    protocol: 'HTTP/1.1',
    stage: 'prod',
    domainName: headers.Host,
    domainPrefix: 'k1a2b3c4d5',
    requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
    identity: { sourceIp: '192.0.2.10', userAgent: headers['User-Agent'] },
    apiId: 'k1a2b3c4d5',
  },
  body,
  isBase64Encoded: false,
});
const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
write('onprem-webhook-apigw-v2.json', {
  version: '2.0',
  routeKey: 'POST /k8s-audit/{cluster}',
  rawPath: path,
  rawQueryString: '',
  headers: { ...lower, 'content-encoding': 'gzip' },
  requestContext: {
    accountId: EKS.account,
    apiId: 'k1a2b3c4d5',
    domainName: headers.Host,
    domainPrefix: 'k1a2b3c4d5',
    http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.10', userAgent: headers['User-Agent'] },
    requestId: 'JKJaXmPLvHcESHA=',
    routeKey: 'POST /k8s-audit/{cluster}',
    stage: '$default',
    time: time.toUTCString(),
    timeEpoch: time.getTime(),
  },
  pathParameters: { cluster: ONPREM_CLUSTER },
  // HTTP APIs hand binary (here gzip-encoded) bodies to Lambda base64-encoded.
  body: gzipSync(body).toString('base64'),
  isBase64Encoded: true,
});
console.log(`wrote entry-point samples: ${batch.length} events per batch (${attack.length} from the attack story)`);
