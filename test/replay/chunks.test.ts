import { describe, expect, it } from 'vitest';
import { halve, splitRange } from '../../shared/replay/chunks.ts';
import { aksQuery, tableOf } from '../../shared/replay/sources/azure-kql.ts';
import { aksAuditRowToEvent, microTime } from '../../shared/replay/sources/azure-columns.ts';

const H = 3_600_000;
const t = (s: string): number => Date.parse(s);

describe('time chunks', () => {
  it('cuts a 3-day range into 1 h chunks aligned to its start, the last one short', () => {
    const chunks = splitRange({ startMs: t('2026-11-18T10:30:00Z'), endMs: t('2026-11-21T10:00:00Z') }, H);
    expect(chunks).toHaveLength(72);
    expect(chunks[0]).toEqual({ startMs: t('2026-11-18T10:30:00Z'), endMs: t('2026-11-18T11:30:00Z') });
    expect(chunks.at(-1)).toEqual({ startMs: t('2026-11-21T09:30:00Z'), endMs: t('2026-11-21T10:00:00Z') });
    for (let i = 1; i < chunks.length; i++) expect(chunks[i]!.startMs).toBe(chunks[i - 1]!.endMs);
  });

  it('halves down to a minimum and no further', () => {
    expect(halve({ startMs: 0, endMs: 4000 }, 1000)).toEqual([
      { startMs: 0, endMs: 2000 },
      { startMs: 2000, endMs: 4000 },
    ]);
    expect(halve({ startMs: 0, endMs: 1999 }, 1000)).toBeUndefined();
  });
});

describe('Log Analytics queries', () => {
  it('picks the table from mode and category', () => {
    expect(tableOf({ mode: 'resource-specific', category: 'kube-audit' })).toBe('AKSAudit');
    expect(tableOf({ mode: 'resource-specific', category: 'kube-audit-admin' })).toBe('AKSAuditAdmin');
    expect(tableOf({ mode: 'azure-diagnostics', category: 'kube-audit-admin' })).toBe('AzureDiagnostics');
  });

  it('filters AzureDiagnostics by category and cluster, oldest first', () => {
    expect(aksQuery({ mode: 'azure-diagnostics', category: 'kube-audit-admin', cluster: 'aks-prod' }, { startMs: 0, endMs: H }).split('\n')).toEqual([
      'AzureDiagnostics',
      '| where TimeGenerated >= datetime(1970-01-01T00:00:00.000Z) and TimeGenerated < datetime(1970-01-01T01:00:00.000Z)',
      '| where Category == "kube-audit-admin"',
      '| where _ResourceId endswith "/managedclusters/aks-prod"',
      '| sort by TimeGenerated asc, _ItemId asc',
      '| project TimeGenerated = tostring(TimeGenerated), ItemId = tostring(_ItemId), ResourceId = _ResourceId, Category, log_s',
    ]);
  });
});

describe('AKSAudit columns', () => {
  it('turns Log Analytics 7-digit times back into the apiserver\'s microseconds', () => {
    expect(microTime('2026-11-20T09:00:00.2654950Z')).toBe('2026-11-20T09:00:00.265495Z');
    expect(microTime('2026-11-20T09:00:00Z')).toBe('2026-11-20T09:00:00.000000Z');
    expect(microTime(new Date('2026-11-20T09:00:00.265Z'))).toBe('2026-11-20T09:00:00.265000Z');
  });

  it('maps each column to its Event field and leaves empty columns out', () => {
    const row = { Level: 'Metadata', AuditId: 'a-1', Stage: 'ResponseComplete', RequestUri: '/version', Verb: 'get', User: { username: 'system:anonymous' }, SourceIps: ['203.0.113.45'], UserAgent: '', ObjectRef: '', ResponseStatus: { code: 200 }, RequestObject: 'skipped-too-big-size-object', ResponseObject: null, RequestReceivedTime: '2026-11-20T09:06:14.1195670Z', StageReceivedTime: '2026-11-20T09:06:14.1195670Z', Annotations: { 'authorization.k8s.io/decision': 'allow' } };
    expect(aksAuditRowToEvent(row)).toEqual({
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level: 'Metadata',
      auditID: 'a-1',
      stage: 'ResponseComplete',
      requestURI: '/version',
      verb: 'get',
      user: { username: 'system:anonymous' },
      sourceIPs: ['203.0.113.45'],
      responseStatus: { code: 200 },
      requestObject: 'skipped-too-big-size-object',
      requestReceivedTimestamp: '2026-11-20T09:06:14.119567Z',
      stageTimestamp: '2026-11-20T09:06:14.119567Z',
      annotations: { 'authorization.k8s.io/decision': 'allow' },
    });
  });
});
