// A CI deploy of prod/web and the control-plane work it sets off: `kubectl set image` by the CI
// runner, then the deployment and ReplicaSet controllers, the scheduler, kubelets and the
// EndpointSlice controller rolling three pods one at a time (maxSurge 1, maxUnavailable 0).

import {
  ALLOW_NODE,
  allowCRB,
  create,
  get,
  list,
  nonResource,
  patch,
  remove,
  update,
  watch,
  type Actor,
  type Authz,
  type Target,
} from './build.ts';
import {
  componentUA,
  controllerUA,
  controllerUser,
  KUBECTL_LINUX,
  newPod,
  nodeUser,
  podServiceAccountUser,
  saJti,
  saUid,
  SCHEDULER_USER,
  type Cluster,
  type Node,
  type Pod,
} from './cluster.ts';
import { createdPod, setImagePatch, webPodRequest } from './objects.ts';
import type { Timeline } from './timeline.ts';
import { MS, SECOND, type Micros } from './time.ts';

const CI_AUTHZ = allowCRB('ci-deployer-cluster-admin', 'cluster-admin', { kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' });
const DISCOVERY_AUTHZ = allowCRB('system:discovery', 'system:discovery', { kind: 'Group', name: 'system:authenticated' });

/** The name the event recorder gives an Event: `<object>.<UnixNano in hex>`. */
export function eventName(object: string, t: Micros): string {
  return `${object}.${(BigInt(Math.floor(t)) * 1000n).toString(16)}`;
}

function controller(c: Cluster, name: string): { actor: Actor; authz: Authz } {
  return {
    actor: { user: controllerUser(c, name), sourceIPs: [c.controlPlane.ip], userAgent: controllerUA(name) },
    authz: allowCRB(`system:controller:${name}`, `system:controller:${name}`, { kind: 'ServiceAccount', name, namespace: 'kube-system' }),
  };
}

const apps = (resource: string, name?: string, subresource?: string): Target => ({
  group: 'apps',
  version: 'v1',
  resource,
  namespace: 'prod',
  ...(name === undefined ? {} : { name }),
  ...(subresource === undefined ? {} : { subresource }),
});
const prodCore = (resource: string, name?: string, subresource?: string): Target => ({
  resource,
  namespace: 'prod',
  ...(name === undefined ? {} : { name }),
  ...(subresource === undefined ? {} : { subresource }),
});

/** A core/v1 Event posted by a recorder (controllers and kubelets). */
function recordEvent(tl: Timeline, tag: string, who: { actor: Actor; authz: Authz }, t: Micros, object: string): void {
  tl.add(tag, create({ ...who, at: t, target: prodCore('events', eventName(object, t)) }));
}

/** Runs `kubectl set image` from the CI runner at t0 and simulates the rollout it triggers. */
export function rollout(tl: Timeline, c: Cluster, t0: Micros, newTag: string): void {
  const rng = tl.rng;
  const runner = c.pods.ciRunner;
  const ci: Actor = {
    user: podServiceAccountUser(runner, saUid(c, 'ci', 'deployer'), saJti(c, 'ci', 'deployer')),
    sourceIPs: [runner.ip],
    userAgent: KUBECTL_LINUX,
  };
  const ciTag = 'benign:ci-deployer';
  const prev = c.webHistory[c.webHistory.length - 1] as Cluster['webHistory'][number];
  const image = `registry.example.com/shop/web:${newTag}`;
  const hash = rng.templateHash();
  const rsName = `web-${hash}`;
  const rsUid = rng.uuid();

  let t = t0;
  tl.add(ciTag, nonResource({ actor: ci, at: t, authz: DISCOVERY_AUTHZ, path: '/api?timeout=32s' }));
  t += rng.int(8, 20) * MS;
  tl.add(ciTag, nonResource({ actor: ci, at: t, authz: DISCOVERY_AUTHZ, path: '/apis?timeout=32s' }));
  t += rng.int(20, 60) * MS;
  tl.add(ciTag, get({ actor: ci, at: t, authz: CI_AUTHZ, target: apps('deployments', 'web') }));
  t += rng.int(10, 30) * MS;
  tl.add(
    ciTag,
    patch({
      actor: ci,
      at: t,
      authz: CI_AUTHZ,
      level: 'Request',
      target: apps('deployments', 'web'),
      query: { fieldManager: 'kubectl-set' },
      body: setImagePatch('web', image),
    }),
  );

  const dc = controller(c, 'deployment-controller');
  const rsc = controller(c, 'replicaset-controller');
  const esc = controller(c, 'endpointslice-controller');
  const epc = controller(c, 'endpoint-controller');
  const sched: Actor = { user: SCHEDULER_USER, sourceIPs: [c.controlPlane.ip], userAgent: componentUA('kube-scheduler', 'scheduler') };
  const schedAuthz = allowCRB('system:kube-scheduler', 'system:kube-scheduler', { kind: 'User', name: 'system:kube-scheduler' });
  const dTag = 'benign:kube-controller-manager';

  t += rng.int(15, 40) * MS;
  tl.add(dTag, create({ ...dc, at: t, target: { ...apps('replicasets', rsName), uid: rsUid } }));
  t += rng.int(3, 12) * MS;
  recordEvent(tl, dTag, dc, t, 'web');
  tl.add(dTag, update({ ...dc, at: t + 2 * MS, target: { ...apps('deployments', 'web', 'status'), resourceVersion: c.rv.next() } }));

  // CI waits: `kubectl rollout status deployment/web`.
  const watchFrom = t0 + rng.int(400, 900) * MS;
  tl.add(ciTag, get({ actor: ci, at: watchFrom, authz: CI_AUTHZ, target: apps('deployments', 'web') }));
  tl.add(
    ciTag,
    list({
      actor: ci,
      at: watchFrom + 25 * MS,
      authz: CI_AUTHZ,
      target: apps('deployments'),
      query: { fieldSelector: 'metadata.name=web', limit: 500, resourceVersion: 0 },
    }),
  );

  const oldPods = [...prev.pods];
  const newPods: Pod[] = [];
  const oldRs = `web-${prev.hash}`;
  for (let i = 0; i < oldPods.length; i++) {
    const node = c.workers[(i + 1 + rng.int(0, 2)) % c.workers.length] as Node;
    const pod = newPod(rng, 'prod', `${rsName}-${rng.suffix()}`, node, 'web', 'web');
    newPods.push(pod);
    t += rng.int(20, 200) * MS;
    addPod(tl, c, { rsc, sched, schedAuthz }, t, pod, { hash, rsName, rsUid, image });
    t += rng.int(7, 14) * SECOND; // pull, start, become ready
    tl.add(dTag, update({ ...esc, at: t, target: { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', namespace: 'prod', name: 'web-8x2lq', resourceVersion: c.rv.next() } }));
    tl.add(dTag, update({ ...epc, at: t + rng.int(1, 4) * MS, target: { ...prodCore('endpoints', 'web'), resourceVersion: c.rv.next() } }));
    // scale the old ReplicaSet down by one and let it delete a pod
    t += rng.int(30, 120) * MS;
    tl.add(dTag, update({ ...dc, at: t, target: { ...apps('replicasets', oldRs), uid: prev.rsUid, resourceVersion: c.rv.next() } }));
    recordEvent(tl, dTag, dc, t + 3 * MS, 'web');
    const victim = oldPods[i] as Pod;
    t += rng.int(5, 30) * MS;
    tl.add(dTag, remove({ ...rsc, at: t, target: prodCore('pods', victim.name) }));
    recordEvent(tl, dTag, rsc, t + 4 * MS, oldRs);
    tl.add(dTag, update({ ...rsc, at: t + 9 * MS, target: { ...apps('replicasets', oldRs, 'status'), resourceVersion: c.rv.next() } }));
    terminatePod(tl, t + rng.int(200, 900) * MS, victim);
    tl.add(dTag, update({ ...dc, at: t + 20 * MS, target: { ...apps('deployments', 'web', 'status'), resourceVersion: c.rv.next() } }));
    t += rng.int(1, 3) * SECOND;
  }
  // rollout status returns once the last pod is ready: its watch closes then
  tl.add(ciTag, {
    ...watch({
      actor: ci,
      at: watchFrom + 60 * MS,
      authz: CI_AUTHZ,
      target: apps('deployments'),
      query: { fieldSelector: 'metadata.name=web' },
      resourceVersion: c.rv.next(),
      timeoutSeconds: rng.int(300, 599),
    }),
    latency: t - (watchFrom + 60 * MS) + rng.int(5, 40) * MS,
  });
  c.webHistory.push({ from: t, hash, rsUid, image, pods: newPods });
}

interface Actors {
  rsc: { actor: Actor; authz: Authz };
  sched: Actor;
  schedAuthz: Authz;
}

/** ReplicaSet controller creates a pod; the scheduler binds it; the kubelet starts it. */
function addPod(
  tl: Timeline,
  c: Cluster,
  a: Actors,
  t: Micros,
  pod: Pod,
  rs: { hash: string; rsName: string; rsUid: string; image: string },
): void {
  const rng = tl.rng;
  const req = webPodRequest({ generateName: `${rs.rsName}-`, namespace: 'prod', hash: rs.hash, image: rs.image, rsName: rs.rsName, rsUid: rs.rsUid });
  const res = createdPod(req, pod.name, pod.uid, c.rv.next(), t, rng.suffix(), 'Burstable');
  const tag = 'benign:kube-controller-manager';
  tl.add(
    tag,
    create({
      ...a.rsc,
      at: t,
      level: 'RequestResponse',
      target: prodCore('pods'),
      body: req,
      response: res,
      latency: rng.int(9, 25) * MS,
      annotations: { 'pod-security.kubernetes.io/enforce-policy': 'baseline:latest' },
    }),
  );
  recordEvent(tl, tag, a.rsc, t + 30 * MS, rs.rsName);
  tl.add(tag, update({ ...a.rsc, at: t + 35 * MS, target: { ...apps('replicasets', rs.rsName, 'status'), resourceVersion: c.rv.next() } }));

  const st = t + rng.int(15, 60) * MS;
  tl.add('benign:kube-scheduler', create({ actor: a.sched, authz: a.schedAuthz, at: st, target: prodCore('pods', pod.name, 'binding') }));
  tl.add(
    'benign:kube-scheduler',
    create({ actor: a.sched, authz: a.schedAuthz, at: st + 4 * MS, target: { group: 'events.k8s.io', version: 'v1', resource: 'events', namespace: 'prod', name: eventName(pod.name, st) } }),
  );

  const kubelet = { actor: { user: nodeUser(pod.node), sourceIPs: [pod.node.ip], userAgent: componentUA('kubelet') }, authz: ALLOW_NODE };
  const kt = 'benign:kubelet';
  let k = st + rng.int(80, 300) * MS;
  tl.add(kt, create({ ...kubelet, at: k, target: prodCore('serviceaccounts', 'web', 'token') }));
  tl.add(kt, patch({ ...kubelet, at: k + 40 * MS, target: prodCore('pods', pod.name, 'status') }));
  for (const _reason of ['Pulling', 'Pulled', 'Created', 'Started']) {
    k += rng.int(300, 2500) * MS;
    recordEvent(tl, kt, kubelet, k, pod.name);
  }
  k += rng.int(2, 6) * SECOND;
  tl.add(kt, patch({ ...kubelet, at: k, target: prodCore('pods', pod.name, 'status') }));
}

/** Graceful termination: the kubelet reports the status, then removes the pod for good. */
function terminatePod(tl: Timeline, t: Micros, pod: Pod): void {
  const rng = tl.rng;
  const kubelet = { actor: { user: nodeUser(pod.node), sourceIPs: [pod.node.ip], userAgent: componentUA('kubelet') }, authz: ALLOW_NODE };
  recordEvent(tl, 'benign:kubelet', kubelet, t, pod.name);
  tl.add('benign:kubelet', patch({ ...kubelet, at: t + rng.int(2, 4) * SECOND, target: prodCore('pods', pod.name, 'status') }));
  tl.add(
    'benign:kubelet',
    remove({ ...kubelet, at: t + rng.int(5, 8) * SECOND, target: prodCore('pods', pod.name) }),
  );
}
