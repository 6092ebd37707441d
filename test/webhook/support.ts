import { listenOnLoopback } from '../helpers/loopback.ts';
// Shared by the webhook, function and serve tests: sample audit events, captured output, local HTTP fakes.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { parseAuditEvent } from '../../shared/event/parse.ts';
import type { AuditEvent } from '../../shared/event/types.ts';
import { packageRoot } from '../../shared/paths.ts';

const lines = readFileSync(join(packageRoot(), 'events', 'audit.log'), 'utf8').split('\n').filter(Boolean);
const find = (pred: (l: string) => boolean): AuditEvent => parseAuditEvent(JSON.parse(lines.find(pred)!));

/** The attack story's ClusterRoleBinding to cluster-admin: fires 'Binding to cluster-admin Created'. */
export const attackEvent = (): AuditEvent => find((l) => l.includes('backdoor-cluster-admin') && l.includes('"create"') && l.includes('ResponseComplete'));
/** An ordinary event of the sample hour: no finding. */
export const benignEvent = (): AuditEvent => parseAuditEvent(JSON.parse(lines[0]!));
export const ATTACK_RULE = 'Binding to cluster-admin Created';

/** A secret-looking path segment a failing sink URL carries; it must never appear in output. */
export const URL_SECRET = 'SECRET-TOKEN-123';

/** Lines written through a runtime's injectable `log` and `write`. */
export function capture(): { log: (l: string) => void; write: (l: string) => void; logs: string[]; out: string[]; json: (kind: string) => Record<string, unknown>[] } {
  const logs: string[] = [];
  const out: string[] = [];
  return {
    log: (l) => void logs.push(l),
    write: (l) => void out.push(l),
    logs,
    out,
    json: (kind) => logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((o) => o['kadet'] === kind),
  };
}

/** A local HTTP server answering every request with `handler`; counts requests. */
export async function localServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; hits: () => number; close: () => Promise<void>; server: Server }> {
  let hits = 0;
  const server = createServer((req, res) => {
    hits++;
    req.resume();
    handler(req, res);
  });
  const { url, close } = await listenOnLoopback(server);
  return {
    url,
    hits: () => hits,
    server,
    close,
  };
}

/** A webhook sink target that always answers 500, with the secret in its path. */
export async function failingSink(): Promise<{ sinks: string; close: () => Promise<void>; hits: () => number }> {
  const s = await localServer((_req, res) => res.writeHead(500).end('down'));
  return { sinks: `webhook:${s.url}/hook/${URL_SECRET}`, close: s.close, hits: s.hits };
}
