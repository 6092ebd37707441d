// Long-running watches of client-go reflectors: every 5–10 minutes the server closes a watch and the
// reflector reopens it from the last resourceVersion. Chains start before the window, so the first
// events of the hour are ResponseComplete records of watches opened earlier, as in any real log slice.

import { allowCRB, ALLOW_NODE, watch, type Actor, type Authz, type Query, type Target } from './build.ts';
import {
  componentUA,
  KCM_USER,
  nodeUser,
  podServiceAccountUser,
  saJti,
  saUid,
  SCHEDULER_USER,
  type Cluster,
} from './cluster.ts';
import type { Timeline } from './timeline.ts';
import { SECOND, type Micros } from './time.ts';

interface Informer {
  tag: string;
  actor: Actor;
  authz: Authz;
  target: Target;
  query?: Query;
}

const core = (resource: string, namespace?: string): Target => (namespace === undefined ? { resource } : { resource, namespace });
const grp = (group: string, resource: string, version = 'v1'): Target => ({ group, version, resource });
const byName = (name: string): Query => ({ fieldSelector: `metadata.name=${name}` });

function informers(c: Cluster): Informer[] {
  const out: Informer[] = [];

  const kcm: Actor = { user: KCM_USER, sourceIPs: [c.controlPlane.ip], userAgent: componentUA('kube-controller-manager', 'shared-informers') };
  const kcmAuthz = allowCRB('system:kube-controller-manager', 'system:kube-controller-manager', { kind: 'User', name: 'system:kube-controller-manager' });
  for (const t of [
    core('pods'),
    core('nodes'),
    core('secrets'),
    core('configmaps'),
    core('serviceaccounts'),
    core('services'),
    core('namespaces'),
    grp('apps', 'replicasets'),
    grp('apps', 'deployments'),
    grp('discovery.k8s.io', 'endpointslices'),
    grp('batch', 'jobs'),
    grp('batch', 'cronjobs'),
  ]) {
    out.push({ tag: 'kube-controller-manager', actor: kcm, authz: kcmAuthz, target: t });
  }

  const sched: Actor = { user: SCHEDULER_USER, sourceIPs: [c.controlPlane.ip], userAgent: componentUA('kube-scheduler', 'scheduler') };
  const schedAuthz = allowCRB('system:kube-scheduler', 'system:kube-scheduler', { kind: 'User', name: 'system:kube-scheduler' });
  const volAuthz = allowCRB('system:volume-scheduler', 'system:volume-scheduler', { kind: 'User', name: 'system:kube-scheduler' });
  out.push({
    tag: 'kube-scheduler',
    actor: sched,
    authz: schedAuthz,
    target: core('pods'),
    query: { fieldSelector: 'status.phase!=Succeeded,status.phase!=Failed' },
  });
  for (const t of [core('nodes'), core('services'), core('namespaces'), grp('apps', 'replicasets'), grp('policy', 'poddisruptionbudgets')]) {
    out.push({ tag: 'kube-scheduler', actor: sched, authz: schedAuthz, target: t });
  }
  for (const t of [core('persistentvolumeclaims'), grp('storage.k8s.io', 'storageclasses')]) {
    out.push({ tag: 'kube-scheduler', actor: sched, authz: volAuthz, target: t });
  }

  for (const n of c.nodes) {
    const kubelet: Actor = { user: nodeUser(n), sourceIPs: [n.ip], userAgent: componentUA('kubelet') };
    out.push({ tag: 'kubelet', actor: kubelet, authz: ALLOW_NODE, target: core('pods'), query: { fieldSelector: `spec.nodeName=${n.name}` } });
    out.push({ tag: 'kubelet', actor: kubelet, authz: ALLOW_NODE, target: core('nodes'), query: byName(n.name) });
    out.push({ tag: 'kubelet', actor: kubelet, authz: ALLOW_NODE, target: core('services') });
    out.push({ tag: 'kubelet', actor: kubelet, authz: ALLOW_NODE, target: grp('node.k8s.io', 'runtimeclasses') });
    const onNode = [...c.pods.web, ...c.pods.api, ...c.pods.coredns, c.pods.ciRunner, c.pods.prometheus].filter((p) => p.node === n);
    for (const ns of [...new Set(onNode.map((p) => p.namespace))]) {
      out.push({ tag: 'kubelet', actor: kubelet, authz: ALLOW_NODE, target: core('configmaps', ns), query: byName('kube-root-ca.crt') });
    }
    if (onNode.some((p) => p.namespace === 'prod' && p.serviceAccount === 'web')) {
      out.push({ tag: 'kubelet', actor: kubelet, authz: ALLOW_NODE, target: core('secrets', 'prod'), query: byName('web-tls') });
      out.push({ tag: 'kubelet', actor: kubelet, authz: ALLOW_NODE, target: core('secrets', 'prod'), query: byName('db-credentials') });
    }
  }

  const proxyAuthz = allowCRB('kubeadm:node-proxier', 'system:node-proxier', { kind: 'ServiceAccount', name: 'kube-proxy', namespace: 'kube-system' });
  const proxySelector = '!service.kubernetes.io/headless,!service.kubernetes.io/service-proxy-name';
  for (const p of c.pods.kubeProxy) {
    const actor: Actor = {
      user: podServiceAccountUser(p, saUid(c, 'kube-system', 'kube-proxy'), saJti(c, 'kube-system', 'kube-proxy')),
      sourceIPs: [p.node.ip],
      userAgent: componentUA('kube-proxy'),
    };
    out.push({ tag: 'kube-proxy', actor, authz: proxyAuthz, target: core('services'), query: { labelSelector: proxySelector } });
    out.push({ tag: 'kube-proxy', actor, authz: proxyAuthz, target: grp('discovery.k8s.io', 'endpointslices'), query: { labelSelector: proxySelector } });
    out.push({ tag: 'kube-proxy', actor, authz: proxyAuthz, target: core('nodes'), query: byName(p.node.name) });
  }

  const dnsAuthz = allowCRB('system:coredns', 'system:coredns', { kind: 'ServiceAccount', name: 'coredns', namespace: 'kube-system' });
  for (const p of c.pods.coredns) {
    const actor: Actor = {
      user: podServiceAccountUser(p, saUid(c, 'kube-system', 'coredns'), saJti(c, 'kube-system', 'coredns')),
      sourceIPs: [p.ip],
      userAgent: 'coredns/v0.0.0 (linux/amd64) kubernetes/$Format',
    };
    for (const t of [core('services'), grp('discovery.k8s.io', 'endpointslices'), core('namespaces')]) {
      out.push({ tag: 'coredns', actor, authz: dnsAuthz, target: t });
    }
  }

  const prom = c.pods.prometheus;
  const promActor: Actor = {
    user: podServiceAccountUser(prom, saUid(c, 'monitoring', 'prometheus-k8s'), saJti(c, 'monitoring', 'prometheus-k8s')),
    sourceIPs: [prom.ip],
    userAgent: 'Prometheus/2.54.1',
  };
  const promAuthz = allowCRB('prometheus-k8s', 'prometheus-k8s', { kind: 'ServiceAccount', name: 'prometheus-k8s', namespace: 'monitoring' });
  for (const t of [core('pods', 'prod'), core('services', 'prod'), { ...grp('discovery.k8s.io', 'endpointslices'), namespace: 'prod' }]) {
    out.push({ tag: 'prometheus', actor: promActor, authz: promAuthz, target: t });
  }

  const gc: Actor = {
    user: KCM_USER,
    sourceIPs: [c.controlPlane.ip],
    userAgent: componentUA('kube-controller-manager', 'metadata-informers'),
  };
  out.push({ tag: 'kube-controller-manager', actor: gc, authz: kcmAuthz, target: grp('rbac.authorization.k8s.io', 'clusterrolebindings') });
  out.push({ tag: 'kube-controller-manager', actor: gc, authz: kcmAuthz, target: grp('coordination.k8s.io', 'leases') });
  return out;
}

/** Emits every informer's watch chain overlapping [start, end). */
export function watchChains(tl: Timeline, c: Cluster, start: Micros, end: Micros): void {
  const rng = tl.rng;
  for (const inf of informers(c)) {
    const first = rng.int(300, 599);
    let t = start - rng.int(0, first - 1) * SECOND - rng.int(0, 999_999);
    let timeout = first;
    while (t < end) {
      tl.add(
        `benign:${inf.tag}`,
        watch({
          actor: inf.actor,
          at: t,
          authz: inf.authz,
          target: inf.target,
          resourceVersion: c.rv.next(),
          timeoutSeconds: timeout,
          ...(inf.query === undefined ? {} : { query: inf.query }),
        }),
      );
      t += timeout * SECOND + rng.int(1_500, 40_000);
      timeout = rng.int(300, 599);
    }
  }
}
