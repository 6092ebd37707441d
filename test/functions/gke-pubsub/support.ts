// Shared by the gke-pubsub function tests: real events from the sample story, captured output, local servers.
import { readFileSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { RuntimeDeps } from '../../../shared/runtime.ts';
import { parseAuditEvent } from '../../../shared/event/parse.ts';
import type { AuditEvent } from '../../../shared/event/types.ts';
import { packageRoot } from '../../../shared/paths.ts';

const lines = readFileSync(join(packageRoot(), 'events', 'audit.log'), 'utf8').split('\n').filter(Boolean);

/** The first sample-log event whose line contains every needle. */
export function auditEvent(...needles: string[]): AuditEvent {
  const line = lines.find((l) => needles.every((n) => l.includes(n)));
  if (line === undefined) throw new Error(`no sample event with ${needles.join(' + ')}`);
  return parseAuditEvent(JSON.parse(line));
}

/** The attack story's ClusterRoleBinding to cluster-admin: fires 'Binding to cluster-admin Created'. */
export const crbEvent = (): AuditEvent => auditEvent('backdoor-cluster-admin', '"create"', 'ResponseComplete');
export const CRB_RULE = 'Binding to cluster-admin Created';
export const GKE_CLUSTER = { project: 'acme-prod', location: 'europe-west1', cluster: 'gke-prod' };

/** A token that must never reach an answer, an error or a log line. */
export const TOKEN = 'tok-5ecr3t-7d1f9a';

/** Runtime deps that capture the stdout sink (`out`) and the runtime's log (`logged`). */
export function capture() {
  const out: string[] = [];
  const logged: string[] = [];
  const deps: RuntimeDeps = { write: (l) => void out.push(l), log: (l) => void logged.push(l) };
  const kinds = (kind: string) => logged.map((l) => JSON.parse(l) as Record<string, unknown>).filter((r) => r['kadet'] === kind);
  return {
    deps,
    out,
    logged,
    rules: () => out.map((l) => (JSON.parse(l) as { rule: string }).rule),
    findings: () => out.map((l) => JSON.parse(l) as { rule: string; kadet: { origin: Record<string, unknown> } }),
    rejects: () => kinds('reject'),
    batches: () => kinds('batch'),
  };
}

/** An HTTP server on 127.0.0.1:random; `url` is its base URL. */
export async function listen(handler: RequestListener): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A webhook receiver that always answers 500: every finding sent to it is undeliverable. */
export const failingReceiver = () => listen((_req, res) => res.writeHead(500).end('receiver down'));
