// The attack story, interleaved with benign traffic. Offsets are from the story's start S
// (09:06:12 in the sample hour):
//   S+0s      scanner 203.0.113.45: a bad bearer token (401), then anonymous: /version allowed,
//             /apis, secrets, pods, RBAC forbidden (403), /healthz allowed
//   S+12m28s  stolen token of system:serviceaccount:prod:web used from inside its pod:
//             discovery, `auth can-i --list`, lists prod secrets, kube-system pods forbidden
//   S+17m53s  the same pod-bound token from 198.51.100.77: reads prod/db-credentials, lists secrets
//             in all namespaces, reads ci/deployer-token (a legacy token of a cluster-admin SA)
//   S+25m38s  as system:serviceaccount:ci:deployer from 198.51.100.77: kubectl exec into coredns
//   S+32m08s  creates default/sys-diag: privileged, hostPID, hostNetwork, hostPath / on the control
//             plane; execs into it
//   S+37m58s  creates default/backdoor and binds it to cluster-admin, mints a year-long token
//   S+41m18s  uses the backdoor token: lists nodes and kube-system secrets

import {
  ALLOW_NODE,
  allowCRB,
  create,
  exec,
  FORBID,
  forbiddenPathStatus,
  forbiddenStatus,
  get,
  list,
  nonResource,
  patch,
  unauthenticated,
  type Actor,
  type Authz,
  type Target,
} from './build.ts';
import {
  ANONYMOUS_USER,
  componentUA,
  KUBECTL_LINUX,
  nodeUser,
  podServiceAccountUser,
  saJti,
  saUid,
  SCHEDULER_USER,
  serviceAccountUser,
  webPodsAt,
  type Cluster,
  type Pod,
} from './cluster.ts';
import {
  clusterRoleBindingRequest,
  clusterRoleBindingResponse,
  createdPod,
  escapePodRequest,
  selfSubjectRulesReview,
  serviceAccountRequest,
} from './objects.ts';
import { eventName } from './rollout.ts';
import type { Timeline } from './timeline.ts';
import { MINUTE, MS, SECOND, type Micros } from './time.ts';

export const SCANNER_IP = '203.0.113.45';
export const ATTACKER_IP = '198.51.100.77';

/** Offset of each step from the story's start. */
export const STEPS = {
  probe: 0,
  podToken: 12 * MINUTE + 28 * SECOND,
  externalToken: 17 * MINUTE + 53 * SECOND,
  execKubeSystem: 25 * MINUTE + 38 * SECOND,
  privilegedPod: 32 * MINUTE + 8 * SECOND,
  backdoor: 37 * MINUTE + 58 * SECOND,
  useBackdoor: 41 * MINUTE + 18 * SECOND,
} as const;

/** How long the story runs from S to its last event. */
export const STORY_SPAN: Micros = 47 * MINUTE;

const PUBLIC_INFO = allowCRB('system:public-info-viewer', 'system:public-info-viewer', { kind: 'Group', name: 'system:unauthenticated' });
const DISCOVERY = allowCRB('system:discovery', 'system:discovery', { kind: 'Group', name: 'system:authenticated' });
const BASIC_USER = allowCRB('system:basic-user', 'system:basic-user', { kind: 'Group', name: 'system:authenticated' });
const WEB_SECRETS = allowCRB('web-secret-reader', 'secret-reader', { kind: 'ServiceAccount', name: 'web', namespace: 'prod' });
const CI_ADMIN = allowCRB('ci-deployer-cluster-admin', 'cluster-admin', { kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' });
const BACKDOOR_ADMIN = allowCRB('backdoor-cluster-admin', 'cluster-admin', { kind: 'ServiceAccount', name: 'backdoor', namespace: 'default' });

const core = (resource: string, namespace?: string, name?: string): Target => ({
  resource,
  ...(namespace === undefined ? {} : { namespace }),
  ...(name === undefined ? {} : { name }),
});

function denied(user: string, verb: string, t: Target): { authz: Authz; code: number; status: ReturnType<typeof forbiddenStatus> } {
  return { authz: FORBID, code: 403, status: forbiddenStatus(user, verb, t) };
}

function discovery(tl: Timeline, tag: string, actor: Actor, t: Micros): Micros {
  tl.add(tag, nonResource({ actor, at: t, authz: DISCOVERY, path: '/api?timeout=32s' }));
  tl.add(tag, nonResource({ actor, at: t + 14 * MS, authz: DISCOVERY, path: '/apis?timeout=32s' }));
  return t + 60 * MS;
}

/** Anonymous and unauthenticated probing from the internet. */
function probe(tl: Timeline, s: Micros): void {
  const tag = 'attack:probe';
  const ua = 'python-requests/2.32.3';
  const badToken: Actor = { user: {}, sourceIPs: [SCANNER_IP], userAgent: ua };
  tl.add(tag, unauthenticated(badToken, s, 'list', '/api/v1/namespaces', core('namespaces')));
  const anon: Actor = { user: ANONYMOUS_USER, sourceIPs: [SCANNER_IP], userAgent: ua };
  const user = 'system:anonymous';
  let t = s + 2 * SECOND + 114 * MS;
  tl.add(tag, nonResource({ actor: anon, at: t, authz: PUBLIC_INFO, path: '/version' }));
  for (const path of ['/apis', '/openapi/v2']) {
    t += 900 * MS + tl.rng.int(0, 300) * MS;
    tl.add(tag, nonResource({ actor: anon, at: t, authz: FORBID, code: 403, status: forbiddenPathStatus(user, 'get', path), path }));
  }
  for (const target of [
    core('secrets'),
    core('secrets', 'kube-system'),
    core('pods'),
    core('pods', 'default'),
    { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings' },
  ] as Target[]) {
    t += 700 * MS + tl.rng.int(0, 400) * MS;
    tl.add(tag, list({ actor: anon, at: t, ...denied(user, 'list', target), target, query: {} }));
  }
  t += 800 * MS;
  tl.add(tag, nonResource({ actor: anon, at: t, authz: PUBLIC_INFO, path: '/healthz' }));
}

function webActor(c: Cluster, pod: Pod, ip: string): Actor {
  return { user: podServiceAccountUser(pod, saUid(c, 'prod', 'web'), saJti(c, 'prod', 'web')), sourceIPs: [ip], userAgent: KUBECTL_LINUX };
}

/** The web pod's token, used from inside the compromised pod. */
function podToken(tl: Timeline, c: Cluster, s: Micros, pod: Pod): void {
  const tag = 'attack:stolen-token-in-pod';
  const actor = webActor(c, pod, pod.ip);
  let t = discovery(tl, tag, actor, s);
  tl.add(
    tag,
    create({
      actor,
      at: t,
      authz: BASIC_USER,
      target: { group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectrulesreviews' },
      body: selfSubjectRulesReview('prod'),
    }),
  );
  t += 9 * SECOND + 412 * MS;
  tl.add(tag, list({ actor, at: t, authz: WEB_SECRETS, target: core('secrets', 'prod'), latency: 11 * MS }));
  t += 21 * SECOND + 87 * MS;
  const ks = core('pods', 'kube-system');
  tl.add(tag, list({ actor, at: t, ...denied(actor.user.username as string, 'list', ks), target: ks }));
}

/** The same pod-bound token replayed from the attacker's own machine. */
function externalToken(tl: Timeline, c: Cluster, s: Micros, pod: Pod): void {
  const tag = 'attack:stolen-token-external';
  const actor = webActor(c, pod, ATTACKER_IP);
  let t = discovery(tl, tag, actor, s);
  tl.add(tag, get({ actor, at: t, authz: WEB_SECRETS, target: core('secrets', 'prod', 'db-credentials') }));
  t += 38 * SECOND + 230 * MS;
  tl.add(tag, list({ actor, at: t, authz: WEB_SECRETS, target: core('secrets'), latency: 64 * MS }));
  t += 52 * SECOND + 518 * MS;
  tl.add(tag, get({ actor, at: t, authz: WEB_SECRETS, target: core('secrets', 'ci', 'deployer-token') }));
}

/**
 * The CI deployer's legacy (secret-based) token: no pod binding, no credential id, and the
 * apiserver's `authentication.k8s.io/legacy-token` audit annotation on every request it makes.
 */
function deployerActor(c: Cluster): Actor {
  return {
    user: serviceAccountUser('ci', 'deployer', saUid(c, 'ci', 'deployer')),
    sourceIPs: [ATTACKER_IP],
    userAgent: KUBECTL_LINUX,
    annotations: { 'authentication.k8s.io/legacy-token': 'system:serviceaccount:ci:deployer' },
  };
}

function execKubeSystem(tl: Timeline, c: Cluster, s: Micros): void {
  const tag = 'attack:exec-kube-system';
  const actor = deployerActor(c);
  const pod = c.pods.coredns[0] as Pod;
  let t = discovery(tl, tag, actor, s);
  tl.add(tag, list({ actor, at: t, authz: CI_ADMIN, target: core('pods', 'kube-system') }));
  t += 17 * SECOND + 301 * MS;
  tl.add(tag, get({ actor, at: t, authz: CI_ADMIN, target: core('pods', 'kube-system', pod.name) }));
  t += 41 * MS;
  tl.add(
    tag,
    exec({
      actor,
      at: t,
      authz: CI_ADMIN,
      target: core('pods', 'kube-system', pod.name),
      command: ['sh'],
      container: 'coredns',
      tty: true,
      sessionSeconds: 95,
    }),
  );
}

function privilegedPod(tl: Timeline, c: Cluster, s: Micros): void {
  const tag = 'attack:privileged-pod';
  const actor = deployerActor(c);
  const rng = tl.rng;
  const name = 'sys-diag';
  const uid = rng.uuid();
  const req = escapePodRequest(name, 'default');
  const res = createdPod(req, name, uid, c.rv.next(), s, rng.suffix(), 'BestEffort');
  tl.add(
    tag,
    create({
      actor,
      at: s,
      authz: CI_ADMIN,
      level: 'RequestResponse',
      target: core('pods', 'default', name),
      query: { fieldManager: 'kubectl-create', fieldValidation: 'Strict' },
      body: req,
      response: res,
      latency: 14 * MS,
      annotations: {
        'pod-security.kubernetes.io/audit-violations':
          'would violate PodSecurity "baseline:latest": host namespaces (hostNetwork=true, hostPID=true), hostPath volumes (volume "host-root"), privileged (container "shell" must not set securityContext.privileged=true)',
        'pod-security.kubernetes.io/enforce-policy': 'privileged:latest',
      },
    }),
  );
  // the control plane takes it from here
  const node = c.controlPlane;
  const sched: Actor = { user: SCHEDULER_USER, sourceIPs: [node.ip], userAgent: componentUA('kube-scheduler', 'scheduler') };
  const schedAuthz = allowCRB('system:kube-scheduler', 'system:kube-scheduler', { kind: 'User', name: 'system:kube-scheduler' });
  const bt = s + 31 * MS;
  tl.add('benign:kube-scheduler', create({ actor: sched, authz: schedAuthz, at: bt, target: { resource: 'pods', namespace: 'default', name, subresource: 'binding' } }));
  tl.add(
    'benign:kube-scheduler',
    create({ actor: sched, authz: schedAuthz, at: bt + 4 * MS, target: { group: 'events.k8s.io', version: 'v1', resource: 'events', namespace: 'default', name: eventName(name, bt) } }),
  );
  const kubelet = { actor: { user: nodeUser(node), sourceIPs: [node.ip], userAgent: componentUA('kubelet') }, authz: ALLOW_NODE };
  tl.add('benign:kubelet', create({ ...kubelet, at: bt + 180 * MS, target: { resource: 'serviceaccounts', namespace: 'default', name: 'default', subresource: 'token' } }));
  tl.add('benign:kubelet', patch({ ...kubelet, at: bt + 220 * MS, target: { resource: 'pods', namespace: 'default', name, subresource: 'status' } }));
  tl.add('benign:kubelet', patch({ ...kubelet, at: bt + 4 * SECOND + 310 * MS, target: { resource: 'pods', namespace: 'default', name, subresource: 'status' } }));

  const t = s + 58 * SECOND + 640 * MS;
  tl.add(tag, get({ actor, at: t, authz: CI_ADMIN, target: core('pods', 'default', name) }));
  tl.add(
    tag,
    exec({
      actor,
      at: t + 37 * MS,
      authz: CI_ADMIN,
      target: core('pods', 'default', name),
      command: ['chroot', '/host', 'bash'],
      container: 'shell',
      tty: true,
      sessionSeconds: 243,
    }),
  );
}

function backdoor(tl: Timeline, c: Cluster, s: Micros): { uid: string; jti: string } {
  const tag = 'attack:backdoor';
  const actor = deployerActor(c);
  const rng = tl.rng;
  const saUidNew = rng.uuid();
  tl.add(
    tag,
    create({
      actor,
      at: s,
      authz: CI_ADMIN,
      level: 'Request',
      target: core('serviceaccounts', 'default', 'backdoor'),
      query: { fieldManager: 'kubectl-create', fieldValidation: 'Strict' },
      body: serviceAccountRequest('backdoor', 'default'),
    }),
  );
  const t = s + 6 * SECOND + 902 * MS;
  const crb = clusterRoleBindingRequest('backdoor-cluster-admin', 'cluster-admin', 'backdoor', 'default');
  tl.add(
    tag,
    create({
      actor,
      at: t,
      authz: CI_ADMIN,
      level: 'RequestResponse',
      stages: ['RequestReceived', 'ResponseComplete'],
      target: { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings', name: 'backdoor-cluster-admin' },
      query: { fieldManager: 'kubectl-create', fieldValidation: 'Strict' },
      body: crb,
      response: clusterRoleBindingResponse(crb, rng.uuid(), c.rv.next(), t),
      latency: 9 * MS,
    }),
  );
  tl.add(
    tag,
    create({
      actor,
      at: t + 12 * SECOND + 57 * MS,
      authz: CI_ADMIN,
      target: { resource: 'serviceaccounts', namespace: 'default', name: 'backdoor', subresource: 'token' },
    }),
  );
  return { uid: saUidNew, jti: rng.uuid() };
}

function useBackdoor(tl: Timeline, s: Micros, sa: { uid: string; jti: string }): void {
  const tag = 'attack:use-backdoor';
  const actor: Actor = { user: serviceAccountUser('default', 'backdoor', sa.uid, sa.jti), sourceIPs: [ATTACKER_IP], userAgent: KUBECTL_LINUX };
  let t = discovery(tl, tag, actor, s);
  tl.add(tag, list({ actor, at: t, authz: BACKDOOR_ADMIN, target: core('nodes') }));
  t += 26 * SECOND + 775 * MS;
  tl.add(tag, list({ actor, at: t, authz: BACKDOOR_ADMIN, target: core('secrets', 'kube-system'), latency: 13 * MS }));
}

/** Adds the whole story starting at s. Call after the benign traffic, so rollouts are known. */
export function attackStory(tl: Timeline, c: Cluster, s: Micros): void {
  probe(tl, s + STEPS.probe);
  const pod = webPodsAt(c, s + STEPS.podToken)[0] as Pod;
  podToken(tl, c, s + STEPS.podToken, pod);
  externalToken(tl, c, s + STEPS.externalToken, pod);
  execKubeSystem(tl, c, s + STEPS.execKubeSystem);
  privilegedPod(tl, c, s + STEPS.privilegedPod);
  const sa = backdoor(tl, c, s + STEPS.backdoor);
  useBackdoor(tl, s + STEPS.useBackdoor, sa);
}
