// GKE logs a request's outcome as a google.rpc.Status (gRPC code); audit events carry the HTTP code.
import { isObject, own, type JsonObject } from '../event/own.ts';
import type { Status } from '../event/types.ts';

// google.rpc.Code → HTTP, as Google's own code.proto maps them.
const GRPC_TO_HTTP: ReadonlyMap<number, number> = new Map([
  [1, 499], [2, 500], [3, 400], [4, 504], [5, 404], [6, 409], [7, 403], [8, 429],
  [9, 400], [10, 409], [11, 400], [12, 501], [13, 500], [14, 503], [15, 500], [16, 401],
]);
const HTTP_TO_GRPC: ReadonlyMap<number, number> = new Map([
  [400, 3], [401, 16], [403, 7], [404, 5], [409, 10], [422, 3], [429, 8], [499, 1], [500, 13], [501, 12], [503, 14], [504, 4],
]);
const GRPC_ALREADY_EXISTS = 6;
// Connect subresources answer with a protocol upgrade, which the apiserver records as 101.
const UPGRADE_SUBRESOURCES: ReadonlySet<string> = new Set(['exec', 'attach', 'portforward']);

/** What GKE says about the outcome, read from the LogEntry. */
export interface GkeOutcome {
  verb: string;
  subresource?: string;
  /** protoPayload.status.code; absent or 0 is success. */
  grpcCode?: number;
  grpcMessage?: string;
  /** An authorizationInfo entry said `granted: false`. */
  denied: boolean;
  /** protoPayload.response, which holds the apiserver's Status object when one was returned. */
  response?: unknown;
}

/** The HTTP status an apiserver returns on success for this verb and subresource. */
export function successCode(verb: string, subresource?: string): number {
  if (subresource !== undefined && UPGRADE_SUBRESOURCES.has(subresource)) return 101;
  return verb === 'create' ? 201 : 200;
}

/** Maps a gRPC code to HTTP; an unknown code is a server error. */
export function httpFromGrpc(code: number): number {
  return GRPC_TO_HTTP.get(code) ?? 500;
}

/** Maps an HTTP code to the gRPC code GKE logs (0 for success). */
export function grpcFromHttp(code: number, verb: string): number {
  if (code < 400) return 0;
  if (code === 409 && verb === 'create') return GRPC_ALREADY_EXISTS;
  return HTTP_TO_GRPC.get(code) ?? (code < 500 ? 9 : 13);
}

/** Rebuilds responseStatus: a returned Status object wins, then the gRPC code, then a denial, else success. */
export function reconstructResponseStatus(o: GkeOutcome): Status {
  const returned = returnedStatus(o.response);
  if (returned) return returned;
  const code = o.grpcCode ? httpFromGrpc(o.grpcCode) : o.denied ? 403 : successCode(o.verb, o.subresource);
  if (code < 400) return { metadata: {}, code };
  return { metadata: {}, status: 'Failure', ...(o.grpcMessage ? { message: o.grpcMessage } : {}), code };
}

/** The protoPayload.status GKE writes for an audit responseStatus: `{}` on success. */
export function toGkeStatus(rs: Status | undefined, verb: string): { code?: number; message?: string } {
  if (rs?.code === undefined || rs.code < 400) return {};
  return { code: grpcFromHttp(rs.code, verb), ...(rs.message ? { message: rs.message } : {}) };
}

/** The apiserver's metav1.Status from a response, copied field by field, when it carries an HTTP code. */
function returnedStatus(response: unknown): Status | undefined {
  if (!isObject(response) || own(response, 'kind') !== 'Status') return undefined;
  const code = own(response, 'code');
  if (typeof code !== 'number' || !Number.isInteger(code)) return undefined;
  const out: Status = { metadata: objectOr(own(response, 'metadata')) };
  for (const key of ['status', 'message', 'reason'] as const) {
    const v = own(response, key);
    if (typeof v === 'string') out[key] = v;
  }
  const details = own(response, 'details');
  if (isObject(details)) out.details = details;
  out.code = code;
  return out;
}

const objectOr = (v: unknown): JsonObject => (isObject(v) ? v : {});
