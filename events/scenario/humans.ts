// People at work: alice (platform team, kubectl) looks at pods, logs and a deployment; bob
// (developer, k9s) browses prod, including a namespace list his RBAC does not allow.

import type { AuditStage, UserInfo } from '../../shared/event/types.ts';
import {
  allowCRB,
  allowRB,
  create,
  FORBID,
  forbiddenStatus,
  get,
  list,
  watch,
  type Actor,
  type Authz,
  type Target,
} from './build.ts';
import { KUBECTL_MAC, webPodsAt, type Cluster, type Pod } from './cluster.ts';
import type { Timeline } from './timeline.ts';
import { MS, SECOND, type Micros } from './time.ts';

export const ALICE: UserInfo = {
  username: 'alice@example.com',
  groups: ['oidc:platform-team', 'oidc:developers', 'system:authenticated'],
};
export const BOB: UserInfo = { username: 'bob@example.com', groups: ['oidc:developers', 'system:authenticated'] };

const ALICE_VIEW = allowCRB('oidc-platform-team-view', 'view', { kind: 'Group', name: 'oidc:platform-team' });
const DEV_EDIT = allowRB('developers-edit', 'prod', 'ClusterRole', 'edit', { kind: 'Group', name: 'oidc:developers' });
const BASIC_USER = allowCRB('system:basic-user', 'system:basic-user', { kind: 'Group', name: 'system:authenticated' });

/** pods/log is a long-running request: the apiserver audits ResponseStarted too. */
const LONG_RUNNING: AuditStage[] = ['ResponseStarted', 'ResponseComplete'];

const prod = (resource: string, name?: string, subresource?: string): Target => ({
  resource,
  namespace: 'prod',
  ...(name === undefined ? {} : { name }),
  ...(subresource === undefined ? {} : { subresource }),
});

/** A short kubectl session of alice's, starting at t. */
export function aliceSession(tl: Timeline, c: Cluster, t0: Micros): void {
  const rng = tl.rng;
  const actor: Actor = { user: ALICE, sourceIPs: ['192.0.2.10'], userAgent: KUBECTL_MAC };
  const tag = 'benign:alice';
  const a = (at: Micros, authz: Authz = ALICE_VIEW) => ({ actor, at, authz });
  let t = t0;
  tl.add(tag, list({ ...a(t), target: prod('pods'), latency: rng.int(6, 20) * MS }));
  const pod = rng.pick(webPodsAt(c, t)) as Pod;
  t += rng.int(8, 40) * SECOND;
  tl.add(tag, get({ ...a(t), target: prod('pods', pod.name) }));
  tl.add(tag, get({ ...a(t + 30 * MS), target: prod('pods', pod.name, 'log'), query: { container: 'web', tailLines: 100 }, latency: rng.int(30, 120) * MS, stages: LONG_RUNNING }));
  t += rng.int(20, 90) * SECOND;
  tl.add(tag, get({ ...a(t), target: { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'prod', name: 'web' } }));
  tl.add(
    tag,
    list({
      ...a(t + 25 * MS),
      target: { group: 'apps', version: 'v1', resource: 'replicasets', namespace: 'prod' },
      query: { labelSelector: 'app.kubernetes.io/name=web,app.kubernetes.io/part-of=shop', limit: 500 },
    }),
  );
  tl.add(
    tag,
    list({
      ...a(t + 50 * MS),
      target: prod('events'),
      query: { fieldSelector: 'involvedObject.kind=Deployment,involvedObject.name=web,involvedObject.namespace=prod', limit: 500 },
    }),
  );
  t += rng.int(30, 120) * SECOND;
  tl.add(tag, list({ ...a(t), target: { resource: 'nodes' } }));
  t += rng.int(10, 60) * SECOND;
  tl.add(tag, list({ ...a(t), target: { group: 'metrics.k8s.io', version: 'v1beta1', resource: 'pods', namespace: 'prod' }, query: {} }));
}

/** bob opens k9s on prod for a few minutes. */
export function bobK9s(tl: Timeline, c: Cluster, t0: Micros, minutes: number): void {
  const rng = tl.rng;
  const actor: Actor = { user: BOB, sourceIPs: ['192.0.2.24'], userAgent: 'k9s/v0.0.0 (darwin/arm64) kubernetes/$Format' };
  const tag = 'benign:bob';
  let t = t0;
  const ns: Target = { resource: 'namespaces' };
  tl.add(tag, list({ actor, at: t, authz: FORBID, target: ns, code: 403, status: forbiddenStatus(BOB.username as string, 'list', ns) }));
  for (const [group, resource, verb] of [
    ['', 'pods', 'list'],
    ['', 'pods', 'watch'],
    ['apps', 'deployments', 'list'],
    ['', 'pods/exec', 'create'],
  ] as const) {
    t += rng.int(3, 15) * MS;
    tl.add(
      tag,
      create({
        actor,
        at: t,
        authz: BASIC_USER,
        target: { group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectaccessreviews' },
        body: { spec: { resourceAttributes: { namespace: 'prod', verb, group, resource } } },
      }),
    );
  }
  t += rng.int(40, 120) * MS;
  tl.add(tag, list({ actor, at: t, authz: DEV_EDIT, target: prod('pods') }));
  const open = t + 30 * MS;
  const closed = t0 + minutes * 60 * SECOND;
  tl.add(tag, {
    ...watch({ actor, at: open, authz: DEV_EDIT, target: prod('pods'), resourceVersion: c.rv.next(), timeoutSeconds: rng.int(300, 599) }),
    latency: Math.min(closed - open, 299 * SECOND),
  });
  t += rng.int(20, 50) * SECOND;
  tl.add(tag, list({ actor, at: t, authz: DEV_EDIT, target: { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'prod' } }));
  t += rng.int(20, 50) * SECOND;
  const pod = rng.pick(c.pods.api);
  tl.add(tag, get({ actor, at: t, authz: DEV_EDIT, target: prod('pods', pod.name) }));
  tl.add(tag, get({ actor, at: t + 200 * MS, authz: DEV_EDIT, target: prod('pods', pod.name, 'log'), query: { container: 'api', follow: true, tailLines: 200 }, latency: rng.int(30, 90) * SECOND, stages: LONG_RUNNING }));
}
