// A Cloud Logging v2 REST endpoint: `POST /v2/entries:list` with filter, orderBy and nextPageToken paging,
// checking the bearer token is a JWT signed by the test service account. RESOURCE_EXHAUSTED (429) once
// when asked, and 401 UNAUTHENTICATED / 403 PERMISSION_DENIED answers in the API's error shape.
import { generateKeyPairSync, verify, type KeyObject } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toGkeLogEntry, type GkeClusterIdentity, type GkeLogEntry } from '../../../shared/adapters/gke-envelope.ts';
import type { AuditEvent } from '../../../shared/event/types.ts';
import { firstTimes, startFake, type FakeAnswer, type FakeServer } from './http.ts';

export interface CloudLoggingFakeOptions {
  entries: GkeLogEntry[];
  /** Public key the bearer JWT must verify with. */
  publicKey: KeyObject;
  /** Most entries per page, whatever pageSize asks. */
  maxPageSize?: number;
  throttleOnce?: boolean;
  /** Answer every call with this status (401 or 403). */
  refuse?: 401 | 403;
}

export interface CloudLoggingFake extends FakeServer {
  listBodies(): Record<string, unknown>[];
}

const apiError = (code: number, status: string, message: string): FakeAnswer => ({ status: code, json: { error: { code, message, status } } });

/** Starts the fake. */
export async function startCloudLoggingFake(opts: CloudLoggingFakeOptions): Promise<CloudLoggingFake> {
  const sorted = [...opts.entries].sort((a, b) => Date.parse(a.timestamp ?? '') - Date.parse(b.timestamp ?? ''));
  const throttle = firstTimes(opts.throttleOnce ? 1 : 0);
  const server = await startFake((req) => {
    if (req.method !== 'POST' || !req.path.startsWith('/v2/entries:list')) return apiError(404, 'NOT_FOUND', `no route ${req.path}`);
    if (opts.refuse === 401 || !validJwt(String(req.headers['authorization'] ?? ''), opts.publicKey)) {
      return apiError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
    }
    if (opts.refuse === 403) return apiError(403, 'PERMISSION_DENIED', 'Permission denied for all log views');
    if (throttle()) return apiError(429, 'RESOURCE_EXHAUSTED', "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute' of service 'logging.googleapis.com'");
    const body = JSON.parse(req.body) as { filter?: string; orderBy?: string; pageSize?: number; pageToken?: string };
    const match = matcher(body.filter ?? '');
    const all = sorted.filter(match);
    if (body.orderBy === 'timestamp desc') all.reverse();
    const offset = body.pageToken ? Number(Buffer.from(body.pageToken, 'base64').toString()) : 0;
    const size = Math.min(body.pageSize ?? 50, opts.maxPageSize ?? 1000);
    const entries = all.slice(offset, offset + size);
    return { json: { entries, ...(offset + size < all.length ? { nextPageToken: Buffer.from(String(offset + size)).toString('base64') } : {}) } };
  });
  return { ...server, listBodies: () => server.requests.filter((r) => r.path.startsWith('/v2/entries:list')).map((r) => JSON.parse(r.body) as Record<string, unknown>) };
}

/** The subset of the Logging query language replay sends: timestamp bounds, cluster, log names, service. */
function matcher(filter: string): (e: GkeLogEntry) => boolean {
  const from = /timestamp>="([^"]+)"/.exec(filter)?.[1];
  const to = /timestamp<"([^"]+)"/.exec(filter)?.[1];
  const cluster = /resource\.labels\.cluster_name="([^"]+)"/.exec(filter)?.[1];
  const logNames = [...(/logName=\(([^)]*)\)/.exec(filter)?.[1] ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
  return (e) => {
    const t = Date.parse(e.timestamp ?? '');
    return (
      (from === undefined || t >= Date.parse(from)) &&
      (to === undefined || t < Date.parse(to)) &&
      (cluster === undefined || e.resource.labels.cluster_name === cluster) &&
      (logNames.length === 0 || logNames.includes(e.logName)) &&
      filter.includes('resource.type="k8s_cluster"') &&
      e.protoPayload.serviceName === 'k8s.io'
    );
  };
}

function validJwt(header: string, key: KeyObject): boolean {
  const m = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(header);
  return m !== null && verify('sha256', Buffer.from(`${m[1]}.${m[2]}`), key, Buffer.from(m[3]!, 'base64url'));
}

/** A throwaway service account key file (what GOOGLE_APPLICATION_CREDENTIALS points at) and its public key. */
export function testServiceAccount(project: string): { file: string; publicKey: KeyObject } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const file = join(mkdtempSync(join(tmpdir(), 'kadet-gcp-')), 'sa.json');
  const key = {
    type: 'service_account',
    project_id: project,
    private_key_id: 'kadet-replay-test',
    private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    client_email: `kadet-replay@${project}.iam.gserviceaccount.com`,
    client_id: '100000000000000000001',
    token_uri: 'https://oauth2.googleapis.com/token',
  };
  writeFileSync(file, JSON.stringify(key), { mode: 0o600 });
  return { file, publicKey };
}

/** proto3 JSON's canonical timestamp (0, 3, 6 or 9 digits), which is what the real API returns. */
function canonical(ts: string | undefined): string | undefined {
  const m = ts === undefined ? null : /^(.*?)(?:\.(\d+))?Z$/.exec(ts);
  if (!m) return ts;
  const nanos = (m[2] ?? '').padEnd(9, '0').slice(0, 9);
  if (/^0+$/.test(nanos)) return `${m[1]}Z`;
  const digits = nanos.endsWith('000000') ? 3 : nanos.endsWith('000') ? 6 : 9;
  return `${m[1]}.${nanos.slice(0, digits)}Z`;
}

/** Sample events as GKE writes them to Cloud Logging, timestamps in the API's canonical form. */
export function gkeEntries(events: readonly AuditEvent[], id: GkeClusterIdentity): GkeLogEntry[] {
  return events.map((e) => {
    const entry = toGkeLogEntry(e, id);
    return { ...entry, ...(entry.timestamp ? { timestamp: canonical(entry.timestamp) } : {}), ...(entry.receiveTimestamp ? { receiveTimestamp: canonical(entry.receiveTimestamp) } : {}) } as GkeLogEntry;
  });
}
