// Cloud Logging returns a GKE audit entry's protoPayload as a google.protobuf.Any holding a
// google.cloud.audit.AuditLog, a type @google-cloud/logging does not ship: over REST the client cannot even
// decode the page ("cannot find type google.cloud.audit.AuditLog"), over gRPC it hands back opaque bytes
// (googleapis/nodejs-logging#785, #984). So replay registers the AuditLog message in the client's proto root.
//
// Field names and numbers follow googleapis/googleapis google/cloud/audit/audit_log.proto. Only the fields
// the GKE adapter reads (and a few scalars beside them) are declared: unknown JSON keys are skipped by the
// decoder, so nothing else can break a page. `status` uses a Status without `details`, whose Any values
// could name types no client knows.
import { ReplayError } from '../errors.ts';

/** The slice of protobufjs a proto root offers that replay uses. */
export interface ProtoType {
  decode(bytes: Uint8Array): object;
  toObject(message: object, options: object): Record<string, unknown>;
}
export interface ProtoRoot {
  addJSON(json: object): unknown;
  lookupType(name: string): ProtoType;
}

export const AUDIT_LOG_TYPE_NAME = 'google.cloud.audit.AuditLog';

/** AuditLog fields that are google.protobuf.Struct (plain JSON objects on the wire). */
export const AUDIT_LOG_STRUCT_FIELDS = ['request', 'response', 'metadata', 'resourceOriginalState'] as const;

const STRUCT = '.google.protobuf.Struct';

const AUDIT_LOG_DESCRIPTOR = {
  kadet: { nested: { replay: { nested: { AuditStatus: { fields: { code: { type: 'int32', id: 1 }, message: { type: 'string', id: 2 } } } } } } },
  google: {
    nested: {
      cloud: {
        nested: {
          audit: {
            nested: {
              AuditLog: {
                fields: {
                  serviceName: { type: 'string', id: 7 },
                  methodName: { type: 'string', id: 8 },
                  resourceName: { type: 'string', id: 11 },
                  resourceOriginalState: { type: STRUCT, id: 19 },
                  numResponseItems: { type: 'int64', id: 12 },
                  status: { type: '.kadet.replay.AuditStatus', id: 2 },
                  authenticationInfo: { type: 'AuthenticationInfo', id: 3 },
                  authorizationInfo: { rule: 'repeated', type: 'AuthorizationInfo', id: 9 },
                  requestMetadata: { type: 'RequestMetadata', id: 4 },
                  request: { type: STRUCT, id: 16 },
                  response: { type: STRUCT, id: 17 },
                  metadata: { type: STRUCT, id: 18 },
                },
              },
              AuthenticationInfo: { fields: { principalEmail: { type: 'string', id: 1 }, authoritySelector: { type: 'string', id: 2 }, principalSubject: { type: 'string', id: 8 } } },
              AuthorizationInfo: { fields: { resource: { type: 'string', id: 1 }, permission: { type: 'string', id: 2 }, granted: { type: 'bool', id: 3 } } },
              RequestMetadata: { fields: { callerIp: { type: 'string', id: 1 }, callerSuppliedUserAgent: { type: 'string', id: 2 }, callerNetwork: { type: 'string', id: 3 } } },
            },
          },
        },
      },
    },
  },
};

/** The LoggingServiceV2Client's proto root (a private field of the generated client, checked at runtime). */
export function protoRootOf(loggingService: unknown): ProtoRoot {
  const root = (loggingService as { _protos?: Partial<ProtoRoot> } | undefined)?._protos;
  if (typeof root?.addJSON !== 'function' || typeof root.lookupType !== 'function') {
    throw new ReplayError('gcp', '@google-cloud/logging changed: its client has no proto root to register AuditLog in; pin @google-cloud/logging 11.x');
  }
  return root as ProtoRoot;
}

/** Makes the client able to decode AuditLog payloads; idempotent (gax caches roots between clients). */
export function registerAuditLog(root: ProtoRoot): void {
  try {
    root.lookupType(AUDIT_LOG_TYPE_NAME);
    return;
  } catch {
    root.addJSON(AUDIT_LOG_DESCRIPTOR);
  }
}
