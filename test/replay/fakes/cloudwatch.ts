// A CloudWatch Logs endpoint speaking JSON 1.1 (`X-Amz-Target: Logs_20140328.<Operation>`): FilterLogEvents
// with nextToken paging (and an empty page, as the service sometimes sends), DescribeLogGroups, and the
// Insights StartQuery / GetQueryResults pair. ThrottlingException once per listed operation, and
// UnrecognizedClientException when the SigV4 credential is not the expected access key.
import { firstTimes, startFake, type FakeAnswer, type FakeServer } from './http.ts';

export interface CwEvent {
  logStreamName: string;
  timestamp: number;
  message: string;
  ingestionTime: number;
  eventId: string;
}

export interface CloudWatchFakeOptions {
  logGroup: string;
  account: string;
  region: string;
  events: CwEvent[];
  /** Events per FilterLogEvents page (the service's own page size varies; default 1000). */
  pageSize?: number;
  /** Operations that answer ThrottlingException on their first call. */
  throttleOnce?: string[];
  /** The access key id requests must be signed with. */
  accessKeyId: string;
  /** DescribeLogGroups answers AccessDeniedException (a least-privilege replay role). */
  denyDescribe?: boolean;
  /** How Insights prints an event's @timestamp (default the service's `2026-11-20 09:14:03.127`). */
  insightsTimestamp?: (e: CwEvent) => string;
  /** Insights returns at most this many rows whatever the query's limit, still counting every match in recordsMatched. */
  insightsMaxRows?: number;
}

export interface CloudWatchFake extends FakeServer {
  /** Calls of an operation (throttled attempts included). */
  calls(operation: string): number;
  /** Request bodies of an operation. */
  bodies(operation: string): Record<string, unknown>[];
}

const TARGET_PREFIX = 'Logs_20140328.';
const error = (type: string, message: string): FakeAnswer => ({ status: 400, headers: { 'content-type': 'application/x-amz-json-1.1' }, json: { __type: type, message } });
const ok = (json: unknown): FakeAnswer => ({ headers: { 'content-type': 'application/x-amz-json-1.1' }, json });

/** Starts the fake. */
export async function startCloudWatchFake(opts: CloudWatchFakeOptions): Promise<CloudWatchFake> {
  const sorted = [...opts.events].sort((a, b) => a.timestamp - b.timestamp || (BigInt(a.eventId) < BigInt(b.eventId) ? -1 : 1));
  const throttle = new Map((opts.throttleOnce ?? []).map((op) => [op, firstTimes(1)]));
  const queries = new Map<string, { start: number; end: number; limit: number; polled: number }>();
  const server = await startFake((req) => {
    const op = String(req.headers['x-amz-target'] ?? '').replace(TARGET_PREFIX, '');
    const body = JSON.parse(req.body || '{}') as Record<string, unknown>;
    const key = /Credential=([^/]+)\//.exec(String(req.headers['authorization'] ?? ''))?.[1];
    if (key !== opts.accessKeyId) return error('UnrecognizedClientException', 'The security token included in the request is invalid.');
    if (throttle.get(op)?.()) return error('ThrottlingException', 'Rate exceeded');
    switch (op) {
      case 'DescribeLogGroups':
        if (opts.denyDescribe) return error('AccessDeniedException', 'User is not authorized to perform: logs:DescribeLogGroups');
        return ok({ logGroups: opts.logGroup.startsWith(String(body['logGroupNamePrefix'] ?? '')) ? [{ logGroupName: opts.logGroup, arn: `arn:aws:logs:${opts.region}:${opts.account}:log-group:${opts.logGroup}:*`, creationTime: 1_700_000_000_000, storedBytes: 0 }] : [] });
      case 'FilterLogEvents':
        return filterLogEvents(body);
      case 'StartQuery': {
        const queryId = `q-${queries.size + 1}`;
        queries.set(queryId, { start: Number(body['startTime']) * 1000, end: Number(body['endTime']) * 1000 + 999, limit: Number(body['limit'] ?? 10_000), polled: 0 });
        return ok({ queryId });
      }
      case 'GetQueryResults':
        return getQueryResults(String(body['queryId']));
      default:
        return error('UnknownOperationException', `no ${op}`);
    }
  });

  function filterLogEvents(body: Record<string, unknown>): FakeAnswer {
    if (body['logGroupName'] !== opts.logGroup) return error('ResourceNotFoundException', 'The specified log group does not exist.');
    const prefix = String(body['logStreamNamePrefix'] ?? '');
    const start = Number(body['startTime'] ?? 0);
    const end = Number(body['endTime'] ?? Number.MAX_SAFE_INTEGER);
    const matching = sorted.filter((e) => e.logStreamName.startsWith(prefix) && e.timestamp >= start && e.timestamp <= end);
    const token = body['nextToken'] === undefined ? { offset: 0, emptied: false } : (JSON.parse(Buffer.from(String(body['nextToken']), 'base64').toString()) as { offset: number; emptied: boolean });
    // The second page comes back empty with a token, as FilterLogEvents may answer.
    if (token.offset > 0 && !token.emptied) return ok({ events: [], nextToken: encode({ ...token, emptied: true }), searchedLogStreams: [] });
    const size = Math.min(opts.pageSize ?? 1000, Number(body['limit'] ?? 10_000));
    const events = matching.slice(token.offset, token.offset + size);
    const next = token.offset + size < matching.length ? { nextToken: encode({ offset: token.offset + size, emptied: token.emptied }) } : {};
    return ok({ events, searchedLogStreams: [], ...next });
  }

  function getQueryResults(queryId: string): FakeAnswer {
    const q = queries.get(queryId);
    if (!q) return error('ResourceNotFoundException', 'query not found');
    // First poll: still running, as real queries are.
    if (q.polled++ === 0) return ok({ status: 'Running', results: [], statistics: { recordsMatched: 0, recordsScanned: 0, bytesScanned: 0 } });
    const matched = sorted.filter((e) => /^kube-apiserver-audit/.test(e.logStreamName) && e.timestamp >= q.start && e.timestamp <= q.end);
    const rows = matched.slice(0, Math.min(q.limit, opts.insightsMaxRows ?? q.limit));
    const printed = opts.insightsTimestamp ?? ((e: CwEvent) => new Date(e.timestamp).toISOString().replace('T', ' ').replace('Z', ''));
    const results = rows.map((e) => [
      { field: '@timestamp', value: printed(e) },
      { field: '@message', value: e.message },
      { field: '@logStream', value: e.logStreamName },
      { field: '@log', value: `${opts.account}:${opts.logGroup}` },
      { field: '@ptr', value: Buffer.from(`ptr-${e.eventId}`).toString('base64') },
    ]);
    return ok({ status: 'Complete', results, statistics: { recordsMatched: matched.length, recordsScanned: sorted.length, bytesScanned: 1 } });
  }

  const ops = () => server.requests.map((r) => ({ op: String(r.headers['x-amz-target'] ?? '').replace(TARGET_PREFIX, ''), body: r.body }));
  return {
    ...server,
    calls: (operation) => ops().filter((o) => o.op === operation).length,
    bodies: (operation) => ops().filter((o) => o.op === operation).map((o) => JSON.parse(o.body) as Record<string, unknown>),
  };
}

const encode = (token: object): string => Buffer.from(JSON.stringify(token)).toString('base64');

const FIRST_EVENT_ID = 37_879_823_512_135_417_466_331_397_837_584_722_290_127_025_823_245_926_400n;

/**
 * The sample lines as an EKS log group holds them: split over two audit streams, with a non-audit
 * kube-apiserver stream interleaved (FilterLogEvents' stream prefix must leave it out).
 */
export function eksLogEvents(lines: readonly string[], timeOf: (line: string) => number): CwEvent[] {
  const events: CwEvent[] = [];
  lines.forEach((message, i) => {
    const timestamp = timeOf(message);
    const stream = i % 3 === 0 ? 'kube-apiserver-audit-4f1b9c0d2e3a4b5c6d7e8f9a0b1c2d3e' : 'kube-apiserver-audit-9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b';
    events.push({ logStreamName: stream, timestamp, message, ingestionTime: timestamp + 900, eventId: String(FIRST_EVENT_ID + BigInt(2 * i)) });
    if (i % 50 === 0) {
      events.push({ logStreamName: 'kube-apiserver-7c9f1d2b3a4e5f60', timestamp, message: 'I1120 09:00:00.000000 1 controller.go:615] quota admission added evaluator', ingestionTime: timestamp + 900, eventId: String(FIRST_EVENT_ID + BigInt(2 * i + 1)) });
    }
  });
  return events;
}
