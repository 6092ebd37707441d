import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toGkeLogEntry } from '../../shared/adapters/gke-envelope.ts';
import { convertLogEntry, gkeLogEntryAdapter } from '../../shared/adapters/gke-logentry.ts';
import { parseMethodName, toMethodName } from '../../shared/adapters/gke-method-name.ts';
import { httpFromGrpc } from '../../shared/adapters/gke-status.ts';
import type { AdapterResult } from '../../shared/adapters/types.ts';
import { parseAuditEvent } from '../../shared/event/parse.ts';
import type { AuditEvent } from '../../shared/event/types.ts';
import { gkeAuditEventArb, damagedEntryArb } from './fixtures/gke/arbitraries.ts';
import { at, FIXTURE_CLUSTER, loadGkeEntry } from './fixtures/gke/index.ts';

const ORIGIN = { provider: 'gke', account: 'acme-prod', region: 'europe-west1', cluster: 'prod-gke-1' };

/** Parses one entry and returns its single event, failing loudly on anything else. */
function eventOf(entry: unknown): AuditEvent {
  const r = gkeLogEntryAdapter.parse(entry);
  expect(r.rejects).toEqual([]);
  expect(r.events).toHaveLength(1);
  return r.events[0]!.event;
}

const reasonOf = (entry: unknown): string => {
  const r = gkeLogEntryAdapter.parse(entry);
  expect(r.events).toEqual([]);
  expect(r.rejects).toHaveLength(1);
  return r.rejects[0]!.reason;
};

describe('gke-logentry adapter: field mapping', () => {
  it('maps kubectl exec into a pod (the first entry of the operation) field by field', () => {
    const r = gkeLogEntryAdapter.parse(loadGkeEntry('pods-exec-create'));
    expect(r.events).toEqual([
      {
        event: {
          kind: 'Event',
          apiVersion: 'audit.k8s.io/v1',
          level: 'Metadata',
          auditID: '0b6e2f4c-9a51-4d7e-8c3b-2f1a6d0e9b71',
          stage: 'ResponseStarted',
          requestURI: '/api/v1/namespaces/kube-system/pods/coredns-5d78c9869d-x2x9q/exec',
          verb: 'create',
          user: { username: 'mallory@example.com' },
          sourceIPs: ['198.51.100.23'],
          userAgent: 'kubectl/v1.31.2 (darwin/arm64) kubernetes/5864a46',
          objectRef: { resource: 'pods', namespace: 'kube-system', name: 'coredns-5d78c9869d-x2x9q', apiVersion: 'v1', subresource: 'exec' },
          responseStatus: { metadata: {}, code: 101 },
          requestReceivedTimestamp: '2026-11-20T09:21:44.318204Z',
          stageTimestamp: '2026-11-20T09:21:44.318204Z',
          annotations: { 'authorization.k8s.io/decision': 'allow', 'authorization.k8s.io/reason': 'access granted by IAM permissions.' },
        },
        origin: {
          ...ORIGIN,
          logGroup: 'projects/acme-prod/logs/cloudaudit.googleapis.com%2Factivity',
          eventId: '0b6e2f4c-9a51-4d7e-8c3b-2f1a6d0e9b71',
        },
      },
    ]);
  });

  it('reads the closing entry of a long-running operation as ResponseComplete', () => {
    const entry = loadGkeEntry('pods-exec-create');
    at(entry, 'operation').first = false;
    at(entry, 'operation').last = true;
    expect(eventOf(entry)).toMatchObject({ stage: 'ResponseComplete', responseStatus: { code: 101 } });
  });

  it('maps a clusterrolebinding create in the rbac group, without GKE’s @type on the objects', () => {
    const ev = eventOf(loadGkeEntry('clusterrolebinding-create'));
    expect(ev).toMatchObject({
      level: 'RequestResponse',
      verb: 'create',
      requestURI: '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings',
      objectRef: { resource: 'clusterrolebindings', name: 'dev-cluster-admin', apiGroup: 'rbac.authorization.k8s.io', apiVersion: 'v1' },
      responseStatus: { metadata: {}, code: 201 },
    });
    expect(ev.objectRef).not.toHaveProperty('namespace');
    expect(ev.requestObject).toEqual({
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { creationTimestamp: null, name: 'dev-cluster-admin' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'dev@example.com' }],
    });
    expect(ev.responseObject).not.toHaveProperty('@type');
    expect(ev.responseObject).toHaveProperty('metadata.uid', '5c1d8a2e-7f0b-4c39-9d4e-a1b2c3d4e5f6');
  });

  it('maps a list of secrets across all namespaces: no namespace, no name, collection URI', () => {
    const ev = eventOf(loadGkeEntry('secrets-list-all-namespaces'));
    expect(ev).toMatchObject({ verb: 'list', level: 'Metadata', requestURI: '/api/v1/secrets', responseStatus: { code: 200 } });
    expect(ev.objectRef).toEqual({ resource: 'secrets', apiVersion: 'v1' });
  });

  it('maps a request denied with gRPC 7 to a 403 Failure carrying GKE’s message', () => {
    const ev = eventOf(loadGkeEntry('secrets-get-denied'));
    expect(ev.responseStatus).toEqual({
      metadata: {},
      status: 'Failure',
      message:
        'secrets "db-password" is forbidden: User "intern@example.com" cannot get resource "secrets" in API group "" in the namespace "prod": requires one of ["container.secrets.get"] permission(s).',
      code: 403,
    });
    expect(ev.annotations).toEqual({ 'authorization.k8s.io/decision': 'forbid', 'authorization.k8s.io/reason': '' });
  });

  it('treats authorizationInfo granted: false without a status as 403', () => {
    const entry = loadGkeEntry('secrets-get-denied');
    delete at(entry, 'protoPayload').status;
    expect(eventOf(entry).responseStatus).toEqual({ metadata: {}, status: 'Failure', code: 403 });
  });

  it('maps a generateName create: no name in objectRef, the collection as URI', () => {
    const ev = eventOf(loadGkeEntry('pod-create-generatename'));
    expect(ev).toMatchObject({ level: 'Request', requestURI: '/api/v1/namespaces/ci/pods', responseStatus: { code: 201 }, sourceIPs: ['::1'] });
    expect(ev.objectRef).toEqual({ resource: 'pods', namespace: 'ci', apiVersion: 'v1' });
    expect(ev.annotations).toHaveProperty(['pod-security.kubernetes.io/enforce-policy'], 'baseline:latest');
  });

  it('maps a non-resource io.k8s.get of readyz to verb get, /readyz and no objectRef', () => {
    const ev = eventOf(loadGkeEntry('readyz'));
    expect(ev).toMatchObject({ verb: 'get', requestURI: '/readyz', user: { username: 'system:anonymous' }, responseStatus: { code: 200 } });
    expect(ev).not.toHaveProperty('objectRef');
  });

  it('maps a pods/status patch from the kubelet at Request level', () => {
    const ev = eventOf(loadGkeEntry('pod-status-patch'));
    expect(ev).toMatchObject({
      level: 'Request',
      verb: 'patch',
      requestURI: '/api/v1/namespaces/default/pods/web-0/status',
      objectRef: { resource: 'pods', namespace: 'default', name: 'web-0', apiVersion: 'v1', subresource: 'status' },
      responseStatus: { code: 200 },
    });
    expect(ev.requestObject).toHaveProperty('status.conditions');
  });

  it('lets the HTTP code of a returned Status object (422) win over gRPC 3', () => {
    const ev = eventOf(loadGkeEntry('pod-create-invalid'));
    expect(ev.responseStatus).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'Pod "debug" is invalid: spec.containers: Required value',
      reason: 'Invalid',
      details: { causes: [{ field: 'spec.containers', message: 'Required value', reason: 'FieldValueRequired' }], kind: 'Pod', name: 'debug' },
      code: 422,
    });
    expect(ev.responseObject).toMatchObject({ kind: 'Status', code: 422 });
    expect(ev.objectRef).toHaveProperty('name', 'debug');
  });

  it('keeps the path after a proxy subresource in requestURI', () => {
    const ev = eventOf(loadGkeEntry('nodes-proxy-get'));
    expect(ev.requestURI).toBe('/api/v1/nodes/gke-prod-gke-1-default-pool-8c1f2e3d-7h2k/proxy/metrics/cadvisor');
    expect(ev.objectRef).toEqual({ resource: 'nodes', name: 'gke-prod-gke-1-default-pool-8c1f2e3d-7h2k', apiVersion: 'v1', subresource: 'proxy' });
    expect(ev.stage).toBe('ResponseStarted');
  });

  it('records a Namespace’s own name as its namespace, except when it is created', () => {
    const entry = loadGkeEntry('secrets-list-all-namespaces');
    at(entry, 'protoPayload').methodName = 'io.k8s.core.v1.namespaces.delete';
    at(entry, 'protoPayload').resourceName = 'core/v1/namespaces/team-a';
    expect(eventOf(entry)).toMatchObject({ requestURI: '/api/v1/namespaces/team-a', objectRef: { resource: 'namespaces', namespace: 'team-a', name: 'team-a' } });
    at(entry, 'protoPayload').methodName = 'io.k8s.core.v1.namespaces.create';
    const created = eventOf(entry);
    expect(created.requestURI).toBe('/api/v1/namespaces');
    expect(created.objectRef).toEqual({ resource: 'namespaces', name: 'team-a', apiVersion: 'v1' });
  });

  it('reads group, version and resource from methodName when resourceName is absent', () => {
    const entry = loadGkeEntry('secrets-list-all-namespaces');
    at(entry, 'protoPayload').methodName = 'io.k8s.coordination.v1.leases.watch';
    delete at(entry, 'protoPayload').resourceName;
    expect(eventOf(entry)).toMatchObject({ verb: 'watch', requestURI: '/apis/coordination.k8s.io/v1/leases', objectRef: { resource: 'leases', apiGroup: 'coordination.k8s.io' } });
  });

  it('copies every entry label into annotations and nothing else', () => {
    const entry = loadGkeEntry('pod-create-generatename');
    expect(eventOf(entry).annotations).toEqual(at(entry, 'labels'));
  });

  it('takes the audit ID from operation.id, falling back to insertId', () => {
    const entry = loadGkeEntry('readyz');
    at(entry, 'operation').id = 'shared-by-both-stages';
    expect(eventOf(entry).auditID).toBe('shared-by-both-stages');
    delete entry.operation;
    expect(eventOf(entry).auditID).toBe('9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d');
  });

  it('leaves user without groups, and without username when GKE names no principal', () => {
    const entry = loadGkeEntry('readyz');
    expect(eventOf(entry).user).toEqual({ username: 'system:anonymous' });
    at(entry, 'protoPayload').authenticationInfo = {};
    expect(eventOf(entry).user).toEqual({});
  });

  it('keeps the caller’s origin and delivery coordinates, the entry’s cluster identity winning', () => {
    const r = gkeLogEntryAdapter.parse([loadGkeEntry('readyz')], { origin: { cluster: 'from-cli', messageId: '42' }, file: 'export.json' });
    expect(r.events[0]!.origin).toMatchObject({ ...ORIGIN, messageId: '42', file: 'export.json' });
  });
});

describe('gke-logentry adapter: names and codes', () => {
  it.each([
    ['io.k8s.core.v1.pods.exec.create', { group: '', version: 'v1', resource: 'pods', subresource: 'exec' }, 'create'],
    ['io.k8s.authorization.rbac.v1.clusterrolebindings.create', { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings' }, 'create'],
    ['io.k8s.coordination.v1.leases.update', { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' }, 'update'],
    ['io.k8s.apps.v1.deployments.scale.patch', { group: 'apps', version: 'v1', resource: 'deployments', subresource: 'scale' }, 'patch'],
    ['io.k8s.apiserver.flowcontrol.v1beta3.flowschemas.list', { group: 'flowcontrol.apiserver.k8s.io', version: 'v1beta3', resource: 'flowschemas' }, 'list'],
    ['io.gke.networking.v1.gcpinferencepoolimports.list', { group: 'networking.gke.io', version: 'v1', resource: 'gcpinferencepoolimports' }, 'list'],
    ['io.cert-manager.v1.certificates.deletecollection', { group: 'cert-manager.io', version: 'v1', resource: 'certificates' }, 'deletecollection'],
  ])('reads %s and writes it back the same', (name, target, verb) => {
    expect(parseMethodName(name)).toEqual({ kind: 'resource', verb, target });
    expect(toMethodName(verb, target)).toBe(name);
  });

  it('reads io.k8s.<verb> as a non-resource request and refuses what is not a method name', () => {
    expect(parseMethodName('io.k8s.get')).toEqual({ kind: 'nonResource', verb: 'get' });
    expect(parseMethodName('SetIamPolicy')).toBeUndefined();
    expect(parseMethodName('io.k8s..v1.pods.create')).toBeUndefined();
  });

  it.each([
    [3, 400], [5, 404], [6, 409], [7, 403], [8, 429], [10, 409], [13, 500], [14, 503], [16, 401], [42, 500],
  ])('maps gRPC %i to HTTP %i', (grpc, http) => {
    expect(httpFromGrpc(grpc)).toBe(http);
  });
});

describe('gke-logentry adapter: skips and rejects', () => {
  it.each(['not-audit-container-log', 'not-k8s-cluster-operation'])('skips %s: a LogEntry that is not a Kubernetes audit entry', (name) => {
    expect(gkeLogEntryAdapter.parse(loadGkeEntry(name))).toEqual({ events: [], rejects: [], skipped: 1, control: 0 });
  });

  it('skips another service’s AuditLog and a payload of another @type', () => {
    const other = loadGkeEntry('readyz');
    at(other, 'protoPayload').serviceName = 'iam.googleapis.com';
    const typed = loadGkeEntry('readyz');
    at(typed, 'protoPayload')['@type'] = 'type.googleapis.com/google.cloud.audit.OtherLog';
    expect(gkeLogEntryAdapter.parse([other, typed]).skipped).toBe(2);
  });

  const broken: [string, (e: Record<string, unknown>) => void, string][] = [
    ['no methodName', (e) => delete at(e, 'protoPayload').methodName, 'logentry: protoPayload.methodName: is required'],
    ['a methodName that is not Kubernetes', (e) => (at(e, 'protoPayload').methodName = 'SetIamPolicy'), 'logentry: protoPayload.methodName: not a Kubernetes method name: string "SetIamPolicy"'],
    ['an unreadable resourceName', (e) => (at(e, 'protoPayload').resourceName = 'core//secrets'), 'logentry: protoPayload.resourceName: not a Kubernetes resource name: string "core//secrets"'],
    ['no serviceName', (e) => delete at(e, 'protoPayload').serviceName, 'logentry: protoPayload.serviceName: is required'],
    ['neither insertId nor operation.id', (e) => (delete e.insertId, delete e.operation), 'logentry: insertId: is required (no operation.id either)'],
    ['a callerIp that is not a string', (e) => (at(e, 'protoPayload', 'requestMetadata').callerIp = 7), 'logentry: protoPayload.requestMetadata.callerIp: expected a string, got number 7'],
    ['a label that is not a string', (e) => (at(e, 'labels')['authorization.k8s.io/decision'] = true), 'logentry: labels.authorization.k8s.io/decision: expected a string, got boolean true'],
    ['a status code that is not an integer', (e) => (at(e, 'protoPayload').status = { code: '7' }), 'logentry: protoPayload.status.code: expected an integer, got string "7"'],
    ['an operation.last that is not a boolean', (e) => (at(e, 'operation').last = 1), 'logentry: operation.last: expected a boolean, got number 1'],
    ['a timestamp that is not RFC 3339', (e) => (e.timestamp = '2026-11-20 12:10:40'), 'event: requestReceivedTimestamp: expected an RFC 3339 timestamp, got string "2026-11-20 12:10:40"'],
  ];
  it.each(broken)('rejects an entry with %s, naming the stage and field', (_what, breakIt, reason) => {
    const entry = loadGkeEntry('secrets-list-all-namespaces');
    breakIt(entry);
    expect(reasonOf(entry)).toBe(reason);
  });

  it('rejects values that are not LogEntries at all', () => {
    expect(reasonOf('text')).toBe('logentry: expected a LogEntry object, got string "text"');
    expect(reasonOf({ hello: 'world' })).toBe('logentry: not a LogEntry: no resource and no payload');
  });

  it('rejects a bad entry in an array with its index and still returns its valid siblings', () => {
    const r = gkeLogEntryAdapter.parse([loadGkeEntry('readyz'), { protoPayload: 5 }, loadGkeEntry('pod-status-patch')], { file: 'logs.json' });
    expect(r.events.map((e) => e.event.verb)).toEqual(['get', 'patch']);
    expect(r.rejects).toEqual([
      { adapter: 'gke-logentry', where: { file: 'logs.json', record: 1 }, reason: 'logentry: protoPayload: expected an object, got number 5', raw: '{"protoPayload":5}' },
    ]);
  });

  it('truncates the raw text of a huge bad entry to 4 KiB', () => {
    const entry = loadGkeEntry('readyz');
    delete at(entry, 'protoPayload').methodName;
    at(entry, 'protoPayload').request = { blob: 'x'.repeat(10_000) };
    expect(gkeLogEntryAdapter.parse(entry).rejects[0]!.raw).toHaveLength(4096);
  });

  it('recognises LogEntries and arrays of them, and nothing else', () => {
    expect(gkeLogEntryAdapter.matches(loadGkeEntry('readyz'))).toBe(true);
    expect(gkeLogEntryAdapter.matches([loadGkeEntry('readyz')])).toBe(true);
    expect(gkeLogEntryAdapter.matches({ message: { data: 'e30=' } })).toBe(false);
    expect(gkeLogEntryAdapter.matches({ kind: 'EventList', items: [] })).toBe(false);
  });
});

/** The fields GKE carries, in the form the round trip must preserve them. */
function carried(ev: AuditEvent): Record<string, unknown> {
  const ref = ev.objectRef;
  const failed = (ev.responseStatus?.code ?? 0) >= 400;
  return {
    auditID: ev.auditID,
    verb: ev.verb,
    requestPath: ev.requestURI.split('?')[0],
    objectRef: ref && { resource: ref.resource, namespace: ref.namespace, name: ref.name, apiGroup: ref.apiGroup, apiVersion: ref.apiVersion, subresource: ref.subresource },
    username: ev.user.username,
    sourceIP: ev.sourceIPs?.[0],
    userAgent: ev.userAgent,
    code: ev.responseStatus?.code,
    message: failed ? ev.responseStatus?.message : undefined,
    requestObject: ev.requestObject,
    responseObject: ev.responseObject,
    stageTimestamp: ev.stageTimestamp,
    annotations: ev.annotations,
    level: ev.level,
    stage: ev.stage,
  };
}

/** Never throws; every output is a valid event or a typed reject; every entry is accounted for. */
function checkResult(r: AdapterResult, adapter: string): void {
  for (const e of r.events) {
    expect(() => parseAuditEvent(structuredClone(e.event))).not.toThrow();
    expect(e.origin.provider).toBe('gke');
  }
  for (const j of r.rejects) {
    expect(j.adapter).toBe(adapter);
    expect(j.reason).toMatch(/^(envelope|base64|json|logentry|event): /);
    expect(j.raw.length).toBeLessThanOrEqual(4096);
    expect(typeof j.where).toBe('object');
  }
}

describe('gke-logentry adapter: properties', () => {
  it('round-trips every field GKE carries: toGkeLogEntry → adapter → the same event', () => {
    // Compared: auditID, verb, requestURI path, objectRef {resource, namespace, name, apiGroup, apiVersion,
    // subresource}, user.username, sourceIPs[0], userAgent, responseStatus.code (+ message on failure),
    // requestObject, responseObject, stageTimestamp, annotations, level (as far as the bodies show it), stage
    // (ResponseStarted/ResponseComplete). Cannot survive: user.groups/uid/extra, impersonatedUser, the query
    // string, sourceIPs after the first, requestReceivedTimestamp (becomes stageTimestamp), objectRef.uid and
    // resourceVersion, responseStatus reason/details without a returned Status, RequestReceived/Panic stages.
    fc.assert(
      fc.property(gkeAuditEventArb, (original) => {
        expect(() => parseAuditEvent(structuredClone(original))).not.toThrow();
        const entry = JSON.parse(JSON.stringify(toGkeLogEntry(original, FIXTURE_CLUSTER))) as unknown;
        const back = eventOf(entry);
        expect(carried(back)).toEqual(carried(original));
        expect(back.user.groups).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });

  it('drops exactly what GKE cannot carry', () => {
    const original: AuditEvent = {
      ...(parseAuditEvent(JSON.parse(JSON.stringify(eventOf(loadGkeEntry('secrets-get-denied'))))) as AuditEvent),
      user: { username: 'intern@example.com', uid: 'u-1', groups: ['system:authenticated'], extra: { k: ['v'] } },
      impersonatedUser: { username: 'admin' },
      sourceIPs: ['192.0.2.81', '10.0.0.1'],
      requestURI: '/api/v1/namespaces/prod/secrets/db-password?resourceVersion=0',
      requestReceivedTimestamp: '2026-11-20T12:10:39.999999Z',
    };
    const back = eventOf(JSON.parse(JSON.stringify(toGkeLogEntry(original, FIXTURE_CLUSTER))));
    expect(back.user).toEqual({ username: 'intern@example.com' });
    expect(back).not.toHaveProperty('impersonatedUser');
    expect(back.sourceIPs).toEqual(['192.0.2.81']);
    expect(back.requestURI).toBe('/api/v1/namespaces/prod/secrets/db-password');
    expect(back.requestReceivedTimestamp).toBe(back.stageTimestamp);
  });

  it('never throws on arbitrary input and yields only events and typed rejects', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.array(fc.jsonValue())), (input) => {
        checkResult(gkeLogEntryAdapter.parse(input), 'gke-logentry');
      }),
    );
  });

  it.each(['pods-exec-create', 'clusterrolebinding-create', 'pod-create-invalid', 'readyz'])(
    'never throws on %s with one field replaced or removed, and accounts for it',
    (name) => {
      fc.assert(
        fc.property(damagedEntryArb(loadGkeEntry(name)), (entry) => {
          const r = gkeLogEntryAdapter.parse(entry);
          checkResult(r, 'gke-logentry');
          expect(r.events.length + r.rejects.length + r.skipped).toBe(1);
          expect(convertLogEntry(entry).kind).toMatch(/^(event|skip|reject)$/);
        }),
        { numRuns: 300 },
      );
    },
  );
});
