import type { AuditEvent } from '../../shared/event/types.ts';

/** A realistic ResponseComplete audit event (kubectl get of a secret) to clone and vary in tests. */
export function sampleEvent(): AuditEvent {
  return structuredClone(BASE);
}

const BASE: AuditEvent = {
  kind: 'Event',
  apiVersion: 'audit.k8s.io/v1',
  level: 'Metadata',
  auditID: '5f0b6d1e-2b7c-4f5e-9a51-0d7c1b1e2a33',
  stage: 'ResponseComplete',
  requestURI: '/api/v1/namespaces/prod/secrets/db-password',
  verb: 'get',
  user: {
    username: 'alice@example.com',
    groups: ['oidc:platform-team', 'system:authenticated'],
  },
  sourceIPs: ['203.0.113.7'],
  userAgent: 'kubectl/v1.31.2 (linux/amd64) kubernetes/5864a46',
  objectRef: { resource: 'secrets', namespace: 'prod', name: 'db-password', apiVersion: 'v1' },
  responseStatus: { metadata: {}, code: 200 },
  requestReceivedTimestamp: '2026-11-20T09:14:03.123456Z',
  stageTimestamp: '2026-11-20T09:14:03.127890Z',
  annotations: {
    'authorization.k8s.io/decision': 'allow',
    'authorization.k8s.io/reason': 'RBAC: allowed by ClusterRoleBinding "platform-admins"',
  },
};
