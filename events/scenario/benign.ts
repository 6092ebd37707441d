// One hour of a healthy cluster: kubelet heartbeats, node status, token refreshes, informer watches,
// health probes, Prometheus, the HPA, a CronJob, two CI deploys and a few people at work; from the
// second hour on, the day's chores (chores.ts).

import {
  ALLOW_NODE,
  allowCRB,
  create,
  get,
  list,
  nonResource,
  patch,
  update,
  type Actor,
  type Target,
} from './build.ts';
import {
  ANONYMOUS_USER,
  componentUA,
  controllerUA,
  controllerUser,
  nodeUser,
  podServiceAccountUser,
  saJti,
  saUid,
  SCHEDULER_USER,
  newPod,
  webPodsAt,
  type Cluster,
  type Pod,
} from './cluster.ts';
import { dailyChores } from './chores.ts';
import { aliceSession, bobK9s } from './humans.ts';
import { watchChains } from './informers.ts';
import { createdPod, jobPodRequest } from './objects.ts';
import { eventName, rollout } from './rollout.ts';
import type { Timeline } from './timeline.ts';
import { HOUR, MINUTE, MS, SCENARIO_START, SECOND, type Micros } from './time.ts';

const PUBLIC_INFO = allowCRB('system:public-info-viewer', 'system:public-info-viewer', { kind: 'Group', name: 'system:unauthenticated' });

/** Every node's kubelet renews its Lease in kube-node-lease every 10 s. */
function leases(tl: Timeline, c: Cluster, start: Micros, end: Micros): void {
  const rng = tl.rng;
  for (const n of c.nodes) {
    const actor: Actor = { user: nodeUser(n), sourceIPs: [n.ip], userAgent: componentUA('kubelet') };
    const leaseUid = rng.uuid();
    for (let t = start + rng.int(0, 9_999) * MS; t < end; t += 10 * SECOND + rng.int(-40, 40) * MS) {
      const target: Target = {
        group: 'coordination.k8s.io',
        version: 'v1',
        resource: 'leases',
        namespace: 'kube-node-lease',
        name: n.name,
        uid: leaseUid,
        resourceVersion: c.rv.next(),
      };
      tl.add('benign:kubelet', update({ actor, at: t, authz: ALLOW_NODE, target, query: { timeout: '10s' }, latency: rng.around(3 * MS, 2 * MS, 900) }));
    }
  }
}

/** Node status is patched when it changes or, at the latest, every 5 minutes. */
function nodeStatus(tl: Timeline, c: Cluster, start: Micros, end: Micros): void {
  const rng = tl.rng;
  for (const n of c.nodes) {
    const actor: Actor = { user: nodeUser(n), sourceIPs: [n.ip], userAgent: componentUA('kubelet') };
    for (let t = start + rng.int(0, 299) * SECOND; t < end; t += 5 * MINUTE + rng.int(-900, 900) * MS) {
      tl.add('benign:kubelet', patch({ actor, at: t, authz: ALLOW_NODE, target: { resource: 'nodes', name: n.name, subresource: 'status' }, query: { timeout: '10s' } }));
    }
  }
}

/** Kubelets refresh each pod's projected token at 80% of its one-hour lifetime. */
function tokenRefresh(tl: Timeline, c: Cluster, start: Micros, end: Micros): void {
  const rng = tl.rng;
  const pods: Pod[] = [...c.pods.api, ...c.pods.coredns, ...c.pods.kubeProxy, c.pods.ciRunner, c.pods.prometheus, ...webPodsAt(c, start)];
  for (const p of pods) {
    const actor: Actor = { user: nodeUser(p.node), sourceIPs: [p.node.ip], userAgent: componentUA('kubelet') };
    for (let t = start + rng.int(0, 47 * 60) * SECOND; t < end; t += 48 * MINUTE + rng.int(0, 30) * SECOND) {
      tl.add(
        'benign:kubelet',
        create({ actor, at: t, authz: ALLOW_NODE, target: { resource: 'serviceaccounts', namespace: p.namespace, name: p.serviceAccount, subresource: 'token' } }),
      );
    }
  }
}

/** Load balancers, blackbox probes and a legacy monitor check the apiserver's health endpoints. */
function healthChecks(tl: Timeline, c: Cluster, start: Micros, end: Micros): void {
  const rng = tl.rng;
  const every = (period: Micros, actor: Actor, path: string, tag: string): void => {
    for (let t = start + rng.int(0, Math.floor(period / MS) - 1) * MS; t < end; t += period + rng.int(-5, 5) * MS) {
      tl.add(tag, nonResource({ actor, at: t, authz: PUBLIC_INFO, path, latency: rng.around(900, 500, 150) }));
    }
  };
  // HAProxy `option httpchk GET /readyz` sends no User-Agent.
  every(MINUTE, { user: ANONYMOUS_USER, sourceIPs: ['10.0.0.5'] }, '/readyz', 'benign:lb-healthcheck');
  every(MINUTE, { user: ANONYMOUS_USER, sourceIPs: ['10.0.0.6'] }, '/readyz', 'benign:lb-healthcheck');
  const blackbox = c.pods.prometheus.node.podNet + '.77';
  every(MINUTE, { user: ANONYMOUS_USER, sourceIPs: [blackbox], userAgent: 'Blackbox Exporter/0.25.0' }, '/livez', 'benign:blackbox');
  every(MINUTE, { user: ANONYMOUS_USER, sourceIPs: ['10.0.0.20'], userAgent: 'check_http/v2.4.6 (monitoring-plugins 2.4.6)' }, '/healthz', 'benign:nagios');
}

/** Prometheus scrapes the apiserver's /metrics every 30 s with its service account. */
function prometheusScrape(tl: Timeline, c: Cluster, start: Micros, end: Micros): void {
  const rng = tl.rng;
  const p = c.pods.prometheus;
  const actor: Actor = {
    user: podServiceAccountUser(p, saUid(c, 'monitoring', 'prometheus-k8s'), saJti(c, 'monitoring', 'prometheus-k8s')),
    sourceIPs: [p.ip],
    userAgent: 'Prometheus/2.54.1',
  };
  const authz = allowCRB('prometheus-k8s', 'prometheus-k8s', { kind: 'ServiceAccount', name: 'prometheus-k8s', namespace: 'monitoring' });
  for (let t = start + rng.int(0, 29_999) * MS; t < end; t += 30 * SECOND + rng.int(-3, 3) * MS) {
    tl.add('benign:prometheus', nonResource({ actor, at: t, authz, path: '/metrics', latency: rng.around(45 * MS, 20 * MS, 10 * MS) }));
  }
}

/** The HPA controller reads web's scale and pod metrics every 15 s. */
function hpa(tl: Timeline, c: Cluster, start: Micros, end: Micros): void {
  const rng = tl.rng;
  const name = 'horizontal-pod-autoscaler';
  const actor: Actor = { user: controllerUser(c, name), sourceIPs: [c.controlPlane.ip], userAgent: controllerUA(name) };
  const authz = allowCRB(`system:controller:${name}`, `system:controller:${name}`, { kind: 'ServiceAccount', name, namespace: 'kube-system' });
  const scale: Target = { group: 'apps', version: 'v1', resource: 'deployments', namespace: 'prod', name: 'web', subresource: 'scale' };
  const metrics: Target = { group: 'metrics.k8s.io', version: 'v1beta1', resource: 'pods', namespace: 'prod' };
  for (let t = start + rng.int(0, 14_999) * MS; t < end; t += 15 * SECOND + rng.int(-2, 2) * MS) {
    tl.add('benign:kube-controller-manager', get({ actor, at: t, authz, target: scale }));
    tl.add(
      'benign:kube-controller-manager',
      list({ actor, at: t + rng.int(3, 8) * MS, authz, target: metrics, query: { labelSelector: 'app.kubernetes.io/name=web' }, latency: rng.around(12 * MS, 6 * MS, 3 * MS) }),
    );
  }
}

/** prod/report runs every 15 minutes: CronJob → Job → pod → done. */
function cronReport(tl: Timeline, c: Cluster, start: Micros, end: Micros): void {
  const rng = tl.rng;
  const ctl = (name: string) => ({
    actor: { user: controllerUser(c, name), sourceIPs: [c.controlPlane.ip], userAgent: controllerUA(name) },
    authz: allowCRB(`system:controller:${name}`, `system:controller:${name}`, { kind: 'ServiceAccount', name, namespace: 'kube-system' }),
  });
  const cron = ctl('cronjob-controller');
  const job = ctl('job-controller');
  const sched: Actor = { user: SCHEDULER_USER, sourceIPs: [c.controlPlane.ip], userAgent: componentUA('kube-scheduler', 'scheduler') };
  const schedAuthz = allowCRB('system:kube-scheduler', 'system:kube-scheduler', { kind: 'User', name: 'system:kube-scheduler' });
  const tag = 'benign:kube-controller-manager';
  const firstQuarter = Math.ceil(start / (15 * MINUTE)) * 15 * MINUTE;
  for (let slot = firstQuarter; slot < end; slot += 15 * MINUTE) {
    const jobName = `report-${Math.floor(slot / MINUTE)}`;
    const jobUid = rng.uuid();
    let t = slot + rng.int(5, 400) * MS;
    const jobs: Target = { group: 'batch', version: 'v1', resource: 'jobs', namespace: 'prod' };
    tl.add(tag, create({ ...cron, at: t, target: { ...jobs, name: jobName } }));
    tl.add(tag, create({ ...cron, at: t + 8 * MS, target: { resource: 'events', namespace: 'prod', name: eventName('report', t) } }));
    tl.add(tag, update({ ...cron, at: t + 15 * MS, target: { group: 'batch', version: 'v1', resource: 'cronjobs', namespace: 'prod', name: 'report', subresource: 'status' } }));
    t += rng.int(20, 60) * MS;
    const node = rng.pick(c.workers);
    const pod = newPod(rng, 'prod', `${jobName}-${rng.suffix()}`, node, 'report', 'report');
    const req = jobPodRequest(jobName, jobUid, 'prod');
    tl.add(
      tag,
      create({
        ...job,
        at: t,
        level: 'RequestResponse',
        target: { resource: 'pods', namespace: 'prod' },
        body: req,
        response: createdPod(req, pod.name, pod.uid, c.rv.next(), t, rng.suffix(), 'Burstable'),
        latency: rng.int(9, 25) * MS,
        annotations: { 'pod-security.kubernetes.io/enforce-policy': 'baseline:latest' },
      }),
    );
    tl.add(tag, create({ ...job, at: t + 20 * MS, target: { resource: 'events', namespace: 'prod', name: eventName(jobName, t) } }));
    const st = t + rng.int(10, 40) * MS;
    tl.add('benign:kube-scheduler', create({ actor: sched, authz: schedAuthz, at: st, target: { resource: 'pods', namespace: 'prod', name: pod.name, subresource: 'binding' } }));
    const kubelet = { actor: { user: nodeUser(node), sourceIPs: [node.ip], userAgent: componentUA('kubelet') }, authz: ALLOW_NODE };
    let k = st + rng.int(100, 400) * MS;
    tl.add('benign:kubelet', create({ ...kubelet, at: k, target: { resource: 'serviceaccounts', namespace: 'prod', name: 'report', subresource: 'token' } }));
    for (let i = 0; i < 3; i++) {
      k += rng.int(1, 20) * SECOND;
      tl.add('benign:kubelet', patch({ ...kubelet, at: k, target: { resource: 'pods', namespace: 'prod', name: pod.name, subresource: 'status' } }));
    }
    tl.add(tag, update({ ...job, at: k + 30 * MS, target: { ...jobs, name: jobName, subresource: 'status' } }));
    tl.add(tag, patch({ ...job, at: k + 45 * MS, target: { resource: 'pods', namespace: 'prod', name: pod.name } }));
  }
}

/** An api pod's readiness probe flaps for a minute: the kubelet posts an event and bumps its count. */
function probeFlap(tl: Timeline, c: Cluster, t0: Micros): void {
  const rng = tl.rng;
  const pod = c.pods.api[0] as Pod;
  const kubelet = { actor: { user: nodeUser(pod.node), sourceIPs: [pod.node.ip], userAgent: componentUA('kubelet') }, authz: ALLOW_NODE };
  const name = eventName(pod.name, t0);
  tl.add('benign:kubelet', create({ ...kubelet, at: t0, target: { resource: 'events', namespace: 'prod', name } }));
  let t = t0;
  for (let i = 0; i < 4; i++) {
    t += 10 * SECOND + rng.int(-50, 50) * MS;
    tl.add('benign:kubelet', patch({ ...kubelet, at: t, target: { resource: 'events', namespace: 'prod', name } }));
  }
  tl.add('benign:kubelet', patch({ ...kubelet, at: t + 2 * SECOND, target: { resource: 'pods', namespace: 'prod', name: pod.name, subresource: 'status' } }));
  tl.add('benign:kubelet', patch({ ...kubelet, at: t + 14 * SECOND, target: { resource: 'pods', namespace: 'prod', name: pod.name, subresource: 'status' } }));
}

/**
 * Everything benign in [start, start + 1 h). Offsets are fixed so the sample log reads the same
 * every run; the jitter inside each generator comes from the seeded PRNG.
 */
export function benignHour(tl: Timeline, c: Cluster, start: Micros): void {
  const end = start + 60 * MINUTE;
  // Rollouts first: later generators look up which web pods are running when.
  rollout(tl, c, start + 12 * MINUTE + 3 * SECOND, '1.42.0');
  rollout(tl, c, start + 53 * MINUTE + 41 * SECOND, '1.42.1');
  leases(tl, c, start, end);
  nodeStatus(tl, c, start, end);
  tokenRefresh(tl, c, start, end);
  watchChains(tl, c, start, end);
  healthChecks(tl, c, start, end);
  prometheusScrape(tl, c, start, end);
  hpa(tl, c, start, end);
  cronReport(tl, c, start, end);
  probeFlap(tl, c, start + 27 * MINUTE + 12 * SECOND);
  aliceSession(tl, c, start + 3 * MINUTE + 27 * SECOND);
  aliceSession(tl, c, start + 34 * MINUTE + 5 * SECOND);
  bobK9s(tl, c, start + 49 * MINUTE + 50 * SECOND, 4);
  // Last, so the sample hour (which has no chores) draws the same randomness as before.
  dailyChores(tl, c, start, Math.round((start - SCENARIO_START) / HOUR));
}
