import { tempFiles } from '../../helpers/cli.ts';
import { describe, expect, it } from 'vitest';
import { toAksRecords } from '../../../shared/adapters/aks-envelope.ts';
import { toCloudWatchSubscriptionEvent } from '../../../shared/adapters/eks-envelope.ts';
import { toGkeLogEntry, toPubSubPush } from '../../../shared/adapters/gke-envelope.ts';
import { readAuditLogFile, type LogFileItem } from '../../../shared/adapters/logfile/index.ts';
import { toEventList } from '../../../shared/adapters/webhook-eventlist.ts';
import { sampleEvent } from '../../helpers/events.ts';

const { write } = tempFiles('kadet-formats-');
const readAll = async (path: string): Promise<LogFileItem[]> => {
  const out: LogFileItem[] = [];
  for await (const item of readAuditLogFile(path)) out.push(item);
  return out;
};
const events = (items: LogFileItem[]) => items.flatMap((i) => (i.kind === 'event' ? [i.event] : []));
const two = [sampleEvent(), { ...sampleEvent(), auditID: 'second', verb: 'list' }];
const gke = { project: 'acme-prod', location: 'europe-west1', cluster: 'gke-prod' };

describe('log-file reader: every export format', () => {
  it('reads a pretty-printed array of GKE LogEntries, as gcloud logging read --format=json writes', async () => {
    const path = write('gke.json', JSON.stringify(two.map((e) => toGkeLogEntry(e, gke)), null, 2));
    const got = events(await readAll(path));
    expect(got.map((e) => [e.event.auditID, e.origin.provider, e.origin.cluster, e.origin.file])).toEqual([
      [two[0]!.auditID, 'gke', 'gke-prod', path],
      ['second', 'gke', 'gke-prod', path],
    ]);
  });

  it('reads JSON lines of GKE LogEntries and keeps each line number', async () => {
    const path = write('gke.jsonl', two.map((e) => JSON.stringify(toGkeLogEntry(e, gke))).join('\n'));
    expect(events(await readAll(path)).map((e) => e.origin.line)).toEqual([1, 2]);
  });

  it('reads a saved CloudWatch Logs subscription event as an EKS event', async () => {
    const path = write('eks.json', JSON.stringify(toCloudWatchSubscriptionEvent(two, { cluster: 'prod-eks', account: '123456789012' }), null, 2));
    const got = events(await readAll(path));
    expect(got.map((e) => [e.origin.provider, e.origin.cluster, e.origin.account])).toEqual([
      ['eks', 'prod-eks', '123456789012'],
      ['eks', 'prod-eks', '123456789012'],
    ]);
  });

  it('reads a Pub/Sub push body saved as one line', async () => {
    const path = write('push.json', JSON.stringify(toPubSubPush(toGkeLogEntry(two[0]!, gke))));
    expect(events(await readAll(path)).map((e) => e.origin.provider)).toEqual(['gke']);
  });

  it('reads AKS diagnostic records, counting other categories as skipped', async () => {
    const body = toAksRecords(two, { subscription: '00000000-0000-0000-0000-000000000001', resourceGroup: 'rg', cluster: 'AKS-Prod', category: 'kube-audit' });
    body.records.push({ ...body.records[0]!, category: 'kube-apiserver', properties: { log: 'I1120 plain text', stream: 'stderr', pod: 'kube-apiserver-x' } } as never);
    const items = await readAll(write('aks.json', JSON.stringify(body)));
    expect(events(items).map((e) => [e.origin.provider, e.origin.cluster])).toEqual([
      ['aks', 'aks-prod'],
      ['aks', 'aks-prod'],
    ]);
    expect(items.find((i) => i.kind === 'skipped')).toEqual({ kind: 'skipped', count: 1, control: 0 });
  });

  it('reads a captured webhook EventList as file events', async () => {
    const path = write('eventlist.json', JSON.stringify(toEventList(two), null, 2));
    expect(events(await readAll(path)).map((e) => [e.event.auditID, e.origin.provider])).toEqual([
      [two[0]!.auditID, 'file'],
      ['second', 'file'],
    ]);
  });

  it('rejects a record in no known format, naming what it expected', async () => {
    const [item] = await readAll(write('other.jsonl', '{"hello":"world"}\n'));
    expect(item?.kind === 'reject' && item.reject.reason).toMatch(/^format: not an audit Event, an EventList/);
  });

  it('rejects a multi-line file that is neither JSON lines nor one JSON document, once', async () => {
    const items = await readAll(write('broken.json', '[\n  {"a": 1},\n  oops\n]\n'));
    expect(items).toHaveLength(1);
    expect(items[0]?.kind === 'reject' && items[0].reject.reason).toMatch(/^json: neither JSON lines nor one JSON document/);
  });

  it('rejects a document over the size cap instead of buffering it', async () => {
    const path = write('big.json', '[\n' + '  {"x": "' + 'y'.repeat(100) + '"},\n'.repeat(1) + '  1\n]\n');
    const items: LogFileItem[] = [];
    for await (const i of readAuditLogFile(path, { maxDocumentBytes: 50 })) items.push(i);
    expect(items.map((i) => (i.kind === 'reject' ? i.reject.reason : i.kind))).toEqual(['document-too-large: over 50 bytes']);
  });
});

describe('log-file reader: damaged starts', () => {
  const { write } = tempFiles('kadet-damaged-');
  const good = JSON.stringify(sampleEvent());

  it('reads JSON lines whose first line was cut off, rejecting only that line', async () => {
    const items = await readAll(write('cut.log', `${good.slice(0, 120)}\n${good}\n${good}\n`));
    expect(items.map((i) => (i.kind === 'reject' ? `reject:${i.reject.where.line}` : i.kind))).toEqual(['reject:1', 'event', 'event']);
  });

  it('ignores a UTF-8 byte-order mark before the first line', async () => {
    const items = await readAll(write('bom.log', `\uFEFF${good}\n${good}\n`));
    expect(items.map((i) => i.kind)).toEqual(['event', 'event']);
  });
});
