// A Log Analytics query endpoint: `POST /v1/workspaces/{id}/query` answering {tables:[{name, columns, rows}]}.
// It runs the small KQL subset replay sends (table, TimeGenerated bounds, Category, _ResourceId endswith,
// project) intersected with the request's timespan, like the service. A bearer token is required (401
// otherwise); 429 with Retry-After once when asked; a partial answer (PartialError) above `maxRows`.
import { createHash } from 'node:crypto';
import { toAksRecords, type AksOptions } from '../../../shared/adapters/aks-envelope.ts';
import type { AuditEvent } from '../../../shared/event/types.ts';
import { firstTimes, startFake, type FakeAnswer, type FakeServer } from './http.ts';

/** A stored row: column name → value as the REST API returns it (dynamic columns as JSON text). */
export type LaRow = Record<string, string>;

export interface LogAnalyticsFakeOptions {
  workspace: string;
  token: string;
  tables: Record<string, LaRow[]>;
  throttleOnce?: boolean;
  /** More matching rows than this gives a partial answer. */
  maxRows?: number;
}

export interface LogAnalyticsFake extends FakeServer {
  queries(): { query: string; timespan: string }[];
}

const DYNAMIC: ReadonlySet<string> = new Set(['User', 'SourceIps', 'ObjectRef', 'ResponseStatus', 'RequestObject', 'ResponseObject', 'Annotations']);

/** Starts the fake. */
export async function startLogAnalyticsFake(opts: LogAnalyticsFakeOptions): Promise<LogAnalyticsFake> {
  const throttle = firstTimes(opts.throttleOnce ? 1 : 0);
  const server = await startFake((req) => {
    if (req.path !== `/v1/workspaces/${opts.workspace}/query`) return { status: 404, json: { error: { code: 'WorkspaceNotFoundError', message: `Workspace ${req.path} not found` } } };
    if (req.headers['authorization'] !== `Bearer ${opts.token}`) {
      return { status: 401, json: { error: { message: 'Valid authentication was not provided', code: 'AuthorizationRequiredError', correlationId: 'c0ffee00-0000-0000-0000-000000000000' } } };
    }
    if (throttle()) return { status: 429, headers: { 'retry-after': '1' }, json: { error: { code: 'ThrottledError', message: 'Your request was throttled' } } };
    const body = JSON.parse(req.body) as { query: string; timespan?: string };
    return run(body.query, body.timespan);
  });

  function run(query: string, timespan: string | undefined): FakeAnswer {
    const table = query.split('\n', 1)[0]!.trim();
    const rows = opts.tables[table];
    if (!rows) return { status: 400, json: { error: { code: 'BadArgumentError', message: 'The request had some invalid properties', innererror: { code: 'SemanticError', message: `'${table}' operator: Failed to resolve table expression named '${table}'` } } } };
    const [spanFrom, spanTo] = (timespan ?? '').split('/').map((t) => Date.parse(t));
    const from = Date.parse(/TimeGenerated >= datetime\(([^)]+)\)/.exec(query)?.[1] ?? '');
    const to = Date.parse(/TimeGenerated < datetime\(([^)]+)\)/.exec(query)?.[1] ?? '');
    const category = /Category == "([^"]+)"/.exec(query)?.[1];
    const suffix = /_ResourceId endswith "([^"]+)"/.exec(query)?.[1]?.toLowerCase();
    const matching = rows
      .filter((r) => {
        const t = Date.parse(r['TimeGenerated']!);
        return t >= from && t < to && t >= (spanFrom ?? -Infinity) && t <= (spanTo ?? Infinity);
      })
      .filter((r) => category === undefined || r['Category'] === category)
      .filter((r) => suffix === undefined || r['ResourceId']!.toLowerCase().endsWith(suffix))
      .sort((a, b) => Date.parse(a['TimeGenerated']!) - Date.parse(b['TimeGenerated']!) || a['ItemId']!.localeCompare(b['ItemId']!));
    const names = projected(query);
    const columns = names.map((name) => ({ name, type: DYNAMIC.has(name) ? 'dynamic' : 'string' }));
    const shown = opts.maxRows !== undefined ? matching.slice(0, opts.maxRows) : matching;
    const partial = shown.length < matching.length ? { error: { code: 'PartialError', message: 'There were some errors when processing your query.', details: [{ code: 'EngineError', message: 'Query result set has exceeded the internal record count limit' }] } } : {};
    return { json: { tables: [{ name: 'PrimaryResult', columns, rows: shown.map((r) => names.map((n) => r[n] ?? '')) }], ...partial } };
  }

  return { ...server, queries: () => server.requests.filter((r) => r.method === 'POST').map((r) => JSON.parse(r.body) as { query: string; timespan: string }) };
}

/** Column names of the query's `project`, in order (`A = f(B)` names A). */
function projected(query: string): string[] {
  const line = query.split('\n').find((l) => l.startsWith('| project '));
  return (line ?? '').replace('| project ', '').split(/,(?![^(]*\))/).map((c) => c.split('=')[0]!.trim());
}

const itemId = (seed: string): string => {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
};

/** Log Analytics' datetime text: 7 fractional digits. */
const ticks = (t: string | undefined): string => {
  const m = /^(.*?)(?:\.(\d+))?Z$/.exec(t ?? '');
  return m ? `${m[1]}.${(m[2] ?? '').padEnd(7, '0').slice(0, 7)}Z` : '';
};

const dyn = (v: unknown): string => (v === undefined ? '' : JSON.stringify(v));

/** Events as AKSAudit (or AKSAuditAdmin) rows: the Event split into columns, as the diagnostic setting stores it. */
export function aksAuditRows(events: readonly AuditEvent[], aks: Omit<AksOptions, 'category'>): LaRow[] {
  const records = toAksRecords(events, { ...aks, category: 'kube-audit' }).records;
  return events.map((e, i) => ({
    TimeGenerated: records[i]!.time,
    ItemId: itemId(`aksaudit/${i}`),
    ResourceId: records[i]!.resourceId.toLowerCase(),
    Level: e.level,
    AuditId: e.auditID,
    Stage: e.stage,
    RequestUri: e.requestURI,
    Verb: e.verb,
    User: dyn(e.user),
    SourceIps: dyn(e.sourceIPs),
    UserAgent: e.userAgent ?? '',
    ObjectRef: dyn(e.objectRef),
    ResponseStatus: dyn(e.responseStatus),
    RequestObject: dyn(e.requestObject),
    ResponseObject: dyn(e.responseObject),
    RequestReceivedTime: ticks(e.requestReceivedTimestamp),
    StageReceivedTime: ticks(e.stageTimestamp),
    Annotations: dyn(e.annotations),
    PodName: 'kube-apiserver-68df4876bd-74k6n',
  }));
}

/** Events as AzureDiagnostics rows (legacy mode): the Event Hub record's properties.log kept as log_s. */
export function azureDiagnosticsRows(events: readonly AuditEvent[], aks: Omit<AksOptions, 'category'>, category = 'kube-audit'): LaRow[] {
  return toAksRecords(events, { ...aks, category }).records.map((r, i) => ({
    TimeGenerated: r.time,
    ItemId: itemId(`azurediagnostics/${category}/${i}`),
    ResourceId: r.resourceId.toLowerCase(),
    Category: r.category,
    log_s: r.properties.log,
    pod_s: r.properties.pod,
    stream_s: r.properties.stream,
  }));
}
