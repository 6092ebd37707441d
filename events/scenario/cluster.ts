// The simulated cluster: a self-managed (kubeadm) v1.31.2 cluster, one control-plane node and three
// workers, audit log written by the apiserver's log backend. Names, IPs and uids are fixed per seed.
//
// Audit policy the log reflects (what a sensible production policy records):
//   None             leader-election leases of kube-controller-manager/kube-scheduler in kube-system,
//                    `get nodes` by system:nodes (kubelets poll their Node every 10 s)
//   Metadata, all stages  pods/exec, pods/attach, pods/portforward
//   RequestResponse  create pods; writes to rbac.authorization.k8s.io (all stages)
//   Request          writes to deployments, serviceaccounts, namespaces, services, ingresses, cronjobs,
//                    certificatesigningrequests
//   Metadata         secrets, configmaps, tokenreviews, serviceaccounts/token (never bodies)
//   Metadata         everything else; RequestReceived omitted
// Pod Security admission: namespaces `prod` and `ci` enforce baseline; the cluster default is
// enforce=privileged, audit=baseline, warn=baseline (so `default` only audits violations).

import type { UserInfo } from '../../shared/event/types.ts';
import type { Prng } from './prng.ts';

export const K8S_VERSION = 'v1.31.2';
export const K8S_GIT_COMMIT = '5864a4677267e6adeae276ad85882a8714d69d9d';
const GIT_SHORT = K8S_GIT_COMMIT.slice(0, 7);

/** `component/v1.31.2 (os/arch) kubernetes/5864a46[/suffix]`, client-go's default user agent. */
export function componentUA(component: string, suffix?: string, platform = 'linux/amd64'): string {
  const base = `${component}/${K8S_VERSION} (${platform}) kubernetes/${GIT_SHORT}`;
  return suffix === undefined ? base : `${base}/${suffix}`;
}

export const KUBECTL_LINUX = componentUA('kubectl');
export const KUBECTL_MAC = componentUA('kubectl', undefined, 'darwin/arm64');

export interface Node {
  name: string;
  uid: string;
  ip: string;
  /** First three octets of the node's pod CIDR (x.y.z.0/24). */
  podNet: string;
  controlPlane: boolean;
}

export interface Pod {
  namespace: string;
  name: string;
  uid: string;
  ip: string;
  node: Node;
  serviceAccount: string;
  container: string;
}

/** A pod's projected service-account token: who the apiserver says the caller is. */
export function podServiceAccountUser(pod: Pod, saUid: string, jti: string): UserInfo {
  return {
    username: `system:serviceaccount:${pod.namespace}:${pod.serviceAccount}`,
    uid: saUid,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${pod.namespace}`, 'system:authenticated'],
    extra: {
      'authentication.kubernetes.io/credential-id': [`JTI=${jti}`],
      'authentication.kubernetes.io/node-name': [pod.node.name],
      'authentication.kubernetes.io/node-uid': [pod.node.uid],
      'authentication.kubernetes.io/pod-name': [pod.name],
      'authentication.kubernetes.io/pod-uid': [pod.uid],
    },
  };
}

/** A service account authenticated by a token that is bound to no pod (TokenRequest or legacy secret). */
export function serviceAccountUser(namespace: string, name: string, uid: string, jti?: string): UserInfo {
  const user: UserInfo = {
    username: `system:serviceaccount:${namespace}:${name}`,
    uid,
    groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`, 'system:authenticated'],
  };
  if (jti !== undefined) user.extra = { 'authentication.kubernetes.io/credential-id': [`JTI=${jti}`] };
  return user;
}

export function nodeUser(node: Node): UserInfo {
  return { username: `system:node:${node.name}`, groups: ['system:nodes', 'system:authenticated'] };
}

export const KCM_USER: UserInfo = { username: 'system:kube-controller-manager', groups: ['system:authenticated'] };
export const SCHEDULER_USER: UserInfo = { username: 'system:kube-scheduler', groups: ['system:authenticated'] };
export const ANONYMOUS_USER: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

export interface Cluster {
  name: string;
  apiserverIP: string;
  nodes: Node[];
  controlPlane: Node;
  workers: Node[];
  /** Service-account uids by `namespace/name`. */
  saUids: Map<string, string>;
  /** Service-account token ids (JTI) by `namespace/name`, stable for the hour. */
  jtis: Map<string, string>;
  pods: {
    web: Pod[];
    api: Pod[];
    coredns: Pod[];
    kubeProxy: Pod[];
    ciRunner: Pod;
    prometheus: Pod;
  };
  /** The `web` ReplicaSet generations: from when each set of pods runs (rollouts append). */
  webHistory: { from: number; hash: string; rsUid: string; image: string; pods: Pod[] }[];
  /** Cluster-wide resourceVersion counter (etcd revision). */
  rv: { next(): string };
}

function podIP(rng: Prng, node: Node): string {
  return `${node.podNet}.${rng.int(2, 250)}`;
}

export function makeCluster(rng: Prng): Cluster {
  const node = (name: string, ip: string, podNet: string, controlPlane: boolean): Node => ({
    name,
    uid: rng.uuid(),
    ip,
    podNet,
    controlPlane,
  });
  const controlPlane = node('k8s-cp-1', '10.0.0.10', '10.244.0', true);
  const workers = [
    node('k8s-worker-1', '10.0.1.11', '10.244.1', false),
    node('k8s-worker-2', '10.0.1.12', '10.244.2', false),
    node('k8s-worker-3', '10.0.1.13', '10.244.3', false),
  ];
  const nodes = [controlPlane, ...workers];

  const saUids = new Map<string, string>();
  const jtis = new Map<string, string>();
  const sa = (ns: string, name: string): string => {
    const key = `${ns}/${name}`;
    if (!saUids.has(key)) {
      saUids.set(key, rng.uuid());
      jtis.set(key, rng.uuid());
    }
    return saUids.get(key) as string;
  };

  const mkPod = (namespace: string, name: string, n: Node, serviceAccount: string, container: string, hostNetwork = false): Pod => {
    sa(namespace, serviceAccount);
    return { namespace, name, uid: rng.uuid(), ip: hostNetwork ? n.ip : podIP(rng, n), node: n, serviceAccount, container };
  };

  const webHash = rng.templateHash();
  const apiHash = rng.templateHash();
  const dnsHash = rng.templateHash();
  const w = (i: number): Node => workers[i % workers.length] as Node;
  const pods = {
    web: [0, 1, 2].map((i) => mkPod('prod', `web-${webHash}-${rng.suffix()}`, w(i + 1), 'web', 'web')),
    api: [0, 1].map((i) => mkPod('prod', `api-${apiHash}-${rng.suffix()}`, w(i), 'api', 'api')),
    coredns: [0, 1].map((i) => mkPod('kube-system', `coredns-${dnsHash}-${rng.suffix()}`, w(i), 'coredns', 'coredns')),
    kubeProxy: nodes.map((n) => mkPod('kube-system', `kube-proxy-${rng.suffix()}`, n, 'kube-proxy', 'kube-proxy', true)),
    ciRunner: mkPod('ci', `gh-runner-${rng.templateHash()}-${rng.suffix()}`, w(2), 'deployer', 'runner'),
    prometheus: mkPod('monitoring', 'prometheus-k8s-0', w(0), 'prometheus-k8s', 'prometheus'),
  };
  for (const name of [
    'deployment-controller',
    'replicaset-controller',
    'endpointslice-controller',
    'endpoint-controller',
    'horizontal-pod-autoscaler',
    'node-controller',
    'generic-garbage-collector',
    'resourcequota-controller',
    'cronjob-controller',
    'job-controller',
    'ttl-after-finished-controller',
  ]) {
    sa('kube-system', name);
  }
  sa('default', 'default');

  let rv = 48_211_907 + rng.int(0, 100_000);
  return {
    name: 'prod-eu-1',
    apiserverIP: controlPlane.ip,
    nodes,
    controlPlane,
    workers,
    saUids,
    jtis,
    pods,
    webHistory: [{ from: -Infinity, hash: webHash, rsUid: rng.uuid(), image: 'registry.example.com/shop/web:1.41.0', pods: pods.web }],
    rv: {
      next(): string {
        rv += 1 + rng.int(0, 40);
        return String(rv);
      },
    },
  };
}

/** The web pods running at time t (after any rollout that finished by then). */
export function webPodsAt(c: Cluster, t: number): Pod[] {
  let current = c.webHistory[0]?.pods ?? c.pods.web;
  for (const gen of c.webHistory) if (gen.from <= t) current = gen.pods;
  return current;
}

/** A fresh pod on a given node (rollouts). */
export function newPod(rng: Prng, namespace: string, name: string, node: Node, serviceAccount: string, container: string): Pod {
  return { namespace, name, uid: rng.uuid(), ip: podIP(rng, node), node, serviceAccount, container };
}

/** The uid of a service account already in the inventory. */
export function saUid(c: Cluster, namespace: string, name: string): string {
  return c.saUids.get(`${namespace}/${name}`) ?? '00000000-0000-4000-8000-000000000000';
}

export function saJti(c: Cluster, namespace: string, name: string): string {
  return c.jtis.get(`${namespace}/${name}`) ?? '00000000-0000-4000-8000-000000000000';
}

/** A kube-controller-manager controller running with its own service-account credentials. */
export function controllerUser(c: Cluster, controller: string): UserInfo {
  return serviceAccountUser('kube-system', controller, saUid(c, 'kube-system', controller), saJti(c, 'kube-system', controller));
}

export function controllerUA(controller: string): string {
  return componentUA('kube-controller-manager', `system:serviceaccount:kube-system:${controller}`);
}
