// Realistic audit events for field tests: build one, structuredClone it, change one thing.

import type { AuditEvent, CanonicalEvent } from '../../../shared/event/types.ts';
import { fieldRegistry } from '../../../shared/engine/fields/index.ts';
import type { FieldValue } from '../../../shared/engine/fields/types.ts';

/** A kubectl pod create, RequestResponse level, as an EKS cluster logs it. */
const POD_CREATE: CanonicalEvent = {
  origin: {
    provider: 'eks',
    cluster: 'prod-eu',
    account: '123456789012',
    region: 'eu-west-1',
    logGroup: '/aws/eks/prod-eu/cluster',
    logStream: 'kube-apiserver-audit-0a1b2c3d4e5f',
    eventId: '37917203847216478290347162384716239847162398471623',
  },
  event: {
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'RequestResponse',
    auditID: '6bd0e59d-c553-40cf-ae9a-0858bd1049db',
    stage: 'ResponseComplete',
    requestURI: '/api/v1/namespaces/payments/pods?fieldManager=kubectl-client-side-apply&fieldValidation=Strict',
    verb: 'create',
    user: {
      username: 'alice@example.com',
      uid: 'aws-iam-authenticator:123456789012:AROAEXAMPLE',
      groups: ['system:masters', 'system:authenticated'],
      extra: { sessionName: ['alice'] },
    },
    sourceIPs: ['203.0.113.7', '10.0.0.12'],
    userAgent: 'kubectl/v1.30.1 (linux/amd64) kubernetes/6911225',
    objectRef: { resource: 'pods', namespace: 'payments', name: 'debug', apiVersion: 'v1' },
    responseStatus: { metadata: {}, code: 201 },
    requestObject: {
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { name: 'debug', namespace: 'payments', creationTimestamp: null },
      spec: {
        hostNetwork: true,
        hostPID: false,
        securityContext: { runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000, supplementalGroups: [4000, 5000] },
        initContainers: [
          {
            name: 'setup',
            image: 'registry.example.com:5000/tools/setup:2.1',
            command: ['/bin/sh', '-c', 'chmod 777 /data'],
            securityContext: { runAsUser: 0, privileged: true },
          },
        ],
        containers: [
          {
            name: 'app',
            image: 'quay.io/payments/api:1.4.2@sha256:0123abcd',
            command: ['/app/server'],
            args: ['--port', '8080'],
            ports: [{ containerPort: 8080, hostPort: 80 }, { containerPort: 9090 }],
            securityContext: {
              privileged: true,
              allowPrivilegeEscalation: true,
              readOnlyRootFilesystem: false,
              procMount: 'Unmasked',
              capabilities: { add: ['NET_ADMIN', 'SYS_TIME'], drop: ['ALL'] },
            },
          },
          {
            name: 'sidecar',
            image: 'nginx',
            securityContext: { runAsUser: 101, runAsGroup: 101, readOnlyRootFilesystem: true },
          },
        ],
        volumes: [
          { name: 'docker', hostPath: { path: '/var/run/docker.sock', type: 'Socket' } },
          { name: 'cfg', configMap: { name: 'app-config' } },
          { name: 'flex', flexVolume: { driver: 'example.com/lvm' } },
        ],
      },
    },
    responseObject: { kind: 'Pod', apiVersion: 'v1', metadata: { name: 'debug', namespace: 'payments' } },
    requestReceivedTimestamp: '2024-05-01T10:00:00.123456Z',
    stageTimestamp: '2024-05-01T10:00:00.987654Z',
    annotations: {
      'authorization.k8s.io/decision': 'allow',
      'authorization.k8s.io/reason': 'RBAC: allowed by ClusterRoleBinding "admins" of ClusterRole "cluster-admin" to Group "system:masters"',
      'pod-security.kubernetes.io/enforce-policy': 'privileged:latest',
      'pod-security.kubernetes.io/audit-violations': 'would violate PodSecurity "restricted:latest": privileged',
    },
  },
};

/** A fresh copy of the pod-create event, optionally changed by `edit`. */
export function podCreate(edit?: (e: AuditEvent, c: CanonicalEvent) => void): CanonicalEvent {
  const c = structuredClone(POD_CREATE);
  edit?.(c.event, c);
  return c;
}

/** An event whose audit event is replaced wholesale (for hostile and non-pod shapes). */
export function withEvent(event: unknown, origin: unknown = { provider: 'file' }): CanonicalEvent {
  return { event, origin } as unknown as CanonicalEvent;
}

/** Extracts a field through the registry; fails loudly if the name is unknown. */
export function field(name: string, ev: CanonicalEvent, arg?: string): FieldValue {
  const def = fieldRegistry.get(name);
  if (def === undefined) throw new Error(`unknown field ${name}`);
  return def.extract(ev, arg);
}

/** The request object spec of a pod event, typed loosely for edits. */
export function spec(e: AuditEvent): Record<string, unknown> {
  return (e.requestObject as { spec: Record<string, unknown> }).spec;
}

/** Container n of a list of the pod in the event, typed loosely for edits. */
export function container(e: AuditEvent, n: number, list = 'containers'): Record<string, unknown> {
  return (spec(e)[list] as Record<string, unknown>[])[n] as Record<string, unknown>;
}
