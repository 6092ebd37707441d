// The Cloud Logging client, loaded only when `kadet replay gcp` runs. REST transport everywhere (what the
// tests exercise is what runs), with the AuditLog type registered so audit payloads decode.
import type { Logging } from '@google-cloud/logging';
import { checkEndpointTransport, endpointLabel } from '../endpoint.ts';
import { protoRootOf, registerAuditLog, type ProtoRoot } from './gcp-audit-proto.ts';

export interface GcpClientOptions {
  project: string;
  endpoint?: URL;
}

export interface GcpLogging {
  logging: Logging;
  root: ProtoRoot;
  /** "Cloud Logging (https://logging.googleapis.com) project P" for messages. */
  where: string;
}

/** Loads the SDK and builds a client using Application Default Credentials. */
export async function createGcpLogging(opts: GcpClientOptions): Promise<GcpLogging> {
  const endpoint = opts.endpoint;
  if (endpoint !== undefined) checkEndpointTransport(endpoint, 'the Google access token');
  const { Logging } = await import('@google-cloud/logging');
  const logging = new Logging({
    projectId: opts.project,
    fallback: 'rest',
    ...(endpoint !== undefined
      ? { apiEndpoint: endpoint.hostname, port: Number(endpoint.port || (endpoint.protocol === 'http:' ? 80 : 443)), protocol: endpoint.protocol.replace(':', '') }
      : {}),
  } as ConstructorParameters<typeof Logging>[0]);
  const root = protoRootOf(logging.loggingService);
  registerAuditLog(root);
  return { logging, root, where: `Cloud Logging (${endpointLabel(endpoint, 'https://logging.googleapis.com')}) project ${opts.project}` };
}
