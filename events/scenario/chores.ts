// The rest of a healthy day, beyond what every hour repeats: Helm upgrades from CI, a preview
// environment created and torn down, kubelet certificate rotation approved and signed by the
// controller, cert-manager renewing a certificate and re-injecting webhook CA bundles, the
// ingress controller at work, kube-controller-manager minting its controllers' tokens, Prometheus
// scraping cAdvisor through the node proxy, and people doing routine debugging.
//
// Every chore is benign by construction: scanning a day of them with the full ruleset must give no
// finding at Warning or above (test/rules/benign-baseline.test.ts). Hour 0 (the sample hour,
// events/audit.log) has no chores, so the sample stays as it is.

import {
  ALLOW_NODE,
  allowCRB,
  allowRB,
  create,
  exec,
  get,
  list,
  nonResource,
  patch,
  remove,
  update,
  type Actor,
  type Request,
  type Target,
} from './build.ts';
import {
  componentUA,
  controllerUA,
  KCM_USER,
  KUBECTL_LINUX,
  KUBECTL_MAC,
  nodeUser,
  podServiceAccountUser,
  saJti,
  saUid,
  serviceAccountUser,
  type Cluster,
  type Pod,
} from './cluster.ts';
import { ALICE, BOB } from './humans.ts';
import { eventName } from './rollout.ts';
import type { Timeline } from './timeline.ts';
import { MINUTE, MS, SECOND, type Micros } from './time.ts';

const HELM_UA = 'Helm/3.16.2';
const CI_ADMIN = allowCRB('ci-deployer-cluster-admin', 'cluster-admin', { kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' });

/** A kubelet client certificate request (openssl, O=system:nodes, CN=system:node:k8s-worker-1), base64 of the PEM. */
const KUBELET_CSR_PEM_B64 =
  'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlIMk1JR2NBZ0VBTURveEZUQVRCZ05WQkFvTURITjVjM1JsYlRwdWIyUmxjekVoTUI4R0ExVUVBd3dZYzNsegpkR1Z0T201dlpHVTZhemh6TFhkdmNtdGxjaTB4TUZrd0V3WUhLb1pJemowQ0FRWUlLb1pJemowREFRY0RRZ0FFCnZEZnhpNWRKNXhialFHMHFPMS96a2tXLzRxRExjT0dpL2g3ZHJRZHFOcXd2SjI4M2ZRaWF5TzM3dXpFRlVXL1YKYkpHcVVxL3VUM0RObXNQY1NYZEtDS0FBTUFvR0NDcUdTTTQ5QkFNQ0Ewa0FNRVlDSVFERjAzRHBhb3cwT0JpWApDR1QvbGg4Q3ZsWTNVam9kOXVsWFRGTnZXZVlVbndJaEFKOW5hOVptU1lsQVBpR2dpMkhkNWxGODZBaVBoWWRKCjFRZ2ZSSWdXSVBFNwotLS0tLUVORCBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0K';

const core = (resource: string, namespace?: string, name?: string, subresource?: string): Target => ({
  resource,
  ...(namespace === undefined ? {} : { namespace }),
  ...(name === undefined ? {} : { name }),
  ...(subresource === undefined ? {} : { subresource }),
});
const apps = (resource: string, namespace: string, name?: string): Target => ({ group: 'apps', version: 'v1', ...core(resource, namespace, name) });

/** The CI runner's pod-bound token, driving kubectl or Helm. */
function ciActor(c: Cluster, userAgent: string): Actor {
  const runner = c.pods.ciRunner;
  return { user: podServiceAccountUser(runner, saUid(c, 'ci', 'deployer'), saJti(c, 'ci', 'deployer')), sourceIPs: [runner.ip], userAgent };
}

function kubeSystemSA(c: Cluster, name: string, userAgent: string, ip: string): Actor {
  return { user: serviceAccountUser('kube-system', name, saUid(c, 'kube-system', name), saJti(c, 'kube-system', name)), sourceIPs: [ip], userAgent };
}

/** `helm upgrade shop`: reads its release records, patches the Deployment, writes release v(rev). */
function helmUpgrade(tl: Timeline, c: Cluster, t0: Micros, rev: number): void {
  const tag = 'benign:ci-helm';
  const actor = ciActor(c, HELM_UA);
  const a = (at: Micros, r: Partial<Request> = {}) => ({ actor, at, authz: CI_ADMIN, ...r });
  let t = t0;
  tl.add(tag, nonResource({ ...a(t), path: '/version?timeout=32s' }));
  t += 40 * MS;
  tl.add(tag, list({ ...a(t), target: core('secrets', 'prod'), query: { labelSelector: 'name=shop,owner=helm' } }));
  t += 25 * MS;
  tl.add(tag, get({ ...a(t), target: apps('deployments', 'prod', 'web') }));
  t += 30 * MS;
  tl.add(
    tag,
    patch({
      ...a(t),
      level: 'Request',
      target: apps('deployments', 'prod', 'web'),
      query: { fieldManager: 'helm' },
      body: { metadata: { labels: { 'helm.sh/chart': `shop-1.${rev}.0` } }, spec: { template: { metadata: { annotations: { 'checksum/config': tl.rng.hex(16) } } } } },
    }),
  );
  t += 20 * MS;
  tl.add(tag, patch({ ...a(t), target: core('configmaps', 'prod', 'web-config'), query: { fieldManager: 'helm' }, body: { data: { LOG_LEVEL: 'info', FEATURE_FLAGS: 'checkout-v2' } } }));
  t += 30 * MS;
  tl.add(tag, create({ ...a(t), target: core('secrets', 'prod', `sh.helm.release.v1.shop.v${rev}`) }));
  t += 1200 * MS;
  tl.add(tag, update({ ...a(t), target: core('secrets', 'prod', `sh.helm.release.v1.shop.v${rev - 1}`) }));
  tl.add(tag, update({ ...a(t + 15 * MS), target: core('secrets', 'prod', `sh.helm.release.v1.shop.v${rev}`) }));
}

const previewNamespace = (day: number) => `preview-${480 + day}`;

/** CI brings up a preview environment: namespace, Deployment, Service, Ingress with TLS. */
function previewCreate(tl: Timeline, c: Cluster, t0: Micros, ns: string): void {
  const tag = 'benign:ci-deployer';
  const actor = ciActor(c, KUBECTL_LINUX);
  const a = (at: Micros) => ({ actor, at, authz: CI_ADMIN, query: { fieldManager: 'kubectl-client-side-apply', fieldValidation: 'Strict' } });
  let t = t0;
  tl.add(tag, create({ ...a(t), level: 'Request', target: core('namespaces', undefined, ns), body: { kind: 'Namespace', apiVersion: 'v1', metadata: { name: ns } } }));
  t += 80 * MS;
  tl.add(
    tag,
    create({
      ...a(t),
      level: 'Request',
      target: apps('deployments', ns, 'web'),
      body: {
        kind: 'Deployment',
        apiVersion: 'apps/v1',
        metadata: { name: 'web', namespace: ns },
        spec: {
          replicas: 1,
          selector: { matchLabels: { 'app.kubernetes.io/name': 'web' } },
          template: {
            metadata: { labels: { 'app.kubernetes.io/name': 'web' } },
            spec: {
              serviceAccountName: 'default',
              securityContext: { runAsNonRoot: true, runAsUser: 10001 },
              containers: [
                {
                  name: 'web',
                  image: 'registry.example.com/shop/web:1.43.0-rc.1',
                  ports: [{ containerPort: 8080 }],
                  securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
                },
              ],
            },
          },
        },
      },
    }),
  );
  t += 60 * MS;
  tl.add(
    tag,
    create({
      ...a(t),
      level: 'Request',
      target: core('services', ns, 'web'),
      body: { kind: 'Service', apiVersion: 'v1', metadata: { name: 'web', namespace: ns }, spec: { type: 'ClusterIP', selector: { 'app.kubernetes.io/name': 'web' }, ports: [{ port: 80, targetPort: 8080 }] } },
    }),
  );
  t += 60 * MS;
  tl.add(
    tag,
    create({
      ...a(t),
      level: 'Request',
      target: { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses', namespace: ns, name: 'web' },
      body: {
        kind: 'Ingress',
        apiVersion: 'networking.k8s.io/v1',
        metadata: { name: 'web', namespace: ns, annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' } },
        spec: {
          ingressClassName: 'nginx',
          tls: [{ hosts: [`${ns}.shop.example.com`], secretName: 'web-tls' }],
          rules: [{ host: `${ns}.shop.example.com`, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] } }],
        },
      },
    }),
  );
  // the CronJob that refreshes the preview's test data, rescheduled by the pipeline
  t += 70 * MS;
  tl.add(
    tag,
    patch({
      ...a(t),
      level: 'Request',
      target: { group: 'batch', version: 'v1', resource: 'cronjobs', namespace: 'prod', name: 'report' },
      body: { spec: { schedule: '*/15 * * * *' } },
    }),
  );
}

function previewDelete(tl: Timeline, c: Cluster, t0: Micros, ns: string): void {
  const actor = ciActor(c, KUBECTL_LINUX);
  tl.add('benign:ci-deployer', remove({ actor, at: t0, authz: CI_ADMIN, target: core('namespaces', undefined, ns) }));
  const nsc = kubeSystemSA(c, 'namespace-controller', controllerUA('namespace-controller'), c.controlPlane.ip);
  const authz = allowCRB('system:controller:namespace-controller', 'system:controller:namespace-controller', { kind: 'ServiceAccount', name: 'namespace-controller', namespace: 'kube-system' });
  let t = t0 + 300 * MS;
  for (const [group, resource] of [
    ['apps', 'deployments'],
    ['', 'services'],
    ['networking.k8s.io', 'ingresses'],
    ['', 'events'],
    ['', 'configmaps'],
    ['', 'serviceaccounts'],
  ] as const) {
    tl.add('benign:kube-controller-manager', {
      actor: nsc,
      at: t,
      verb: 'deletecollection',
      uri: `${group ? `/apis/${group}/v1` : '/api/v1'}/namespaces/${ns}/${resource}`,
      target: { ...(group ? { group, version: 'v1' } : {}), resource, namespace: ns },
      authz,
    });
    t += 40 * MS;
  }
}

/** A kubelet rotates its client certificate: CSR, approval and signing by the controller, pickup. */
function kubeletCertRotation(tl: Timeline, c: Cluster, t0: Micros, nodeIndex: number): string {
  const node = c.nodes[nodeIndex % c.nodes.length] as (typeof c.nodes)[number];
  const name = `csr-${tl.rng.suffix()}`;
  const kubelet = { actor: { user: nodeUser(node), sourceIPs: [node.ip], userAgent: componentUA('kubelet') } as Actor, authz: ALLOW_NODE };
  const csrs = (sub?: string): Target => ({ group: 'certificates.k8s.io', version: 'v1', resource: 'certificatesigningrequests', name, ...(sub ? { subresource: sub } : {}) });
  const selfClient = allowCRB('system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', {
    kind: 'Group',
    name: 'system:nodes',
  });
  let t = t0;
  tl.add(
    'benign:kubelet',
    create({
      ...kubelet,
      authz: selfClient,
      at: t,
      level: 'Request',
      target: csrs(),
      body: {
        kind: 'CertificateSigningRequest',
        apiVersion: 'certificates.k8s.io/v1',
        metadata: { generateName: 'csr-', creationTimestamp: null },
        spec: { request: KUBELET_CSR_PEM_B64, signerName: 'kubernetes.io/kube-apiserver-client-kubelet', usages: ['digital signature', 'client auth'] },
        status: {},
      },
    }),
  );
  const certCtl = kubeSystemSA(c, 'certificate-controller', controllerUA('certificate-controller'), c.controlPlane.ip);
  const certAuthz = allowCRB('system:controller:certificate-controller', 'system:controller:certificate-controller', {
    kind: 'ServiceAccount',
    name: 'certificate-controller',
    namespace: 'kube-system',
  });
  t += 60 * MS;
  tl.add('benign:kube-controller-manager', update({ actor: certCtl, authz: certAuthz, at: t, target: csrs('approval') }));
  t += 45 * MS;
  tl.add('benign:kube-controller-manager', update({ actor: certCtl, authz: certAuthz, at: t, target: csrs('status') }));
  t += 300 * MS;
  tl.add('benign:kubelet', get({ ...kubelet, at: t, target: csrs() }));
  return name;
}

function csrCleanup(tl: Timeline, c: Cluster, t0: Micros, name: string): void {
  const certCtl = kubeSystemSA(c, 'certificate-controller', controllerUA('certificate-controller'), c.controlPlane.ip);
  const certAuthz = allowCRB('system:controller:certificate-controller', 'system:controller:certificate-controller', {
    kind: 'ServiceAccount',
    name: 'certificate-controller',
    namespace: 'kube-system',
  });
  tl.add('benign:kube-controller-manager', remove({ actor: certCtl, authz: certAuthz, at: t0, target: { group: 'certificates.k8s.io', version: 'v1', resource: 'certificatesigningrequests', name } }));
}

/** cert-manager renews the web certificate; its cainjector re-injects the CA into its webhooks. */
function certManagerRenewal(tl: Timeline, c: Cluster, t0: Micros): void {
  const tag = 'benign:cert-manager';
  const cm: Actor = { user: serviceAccountUser('cert-manager', 'cert-manager', tl.rng.uuid(), tl.rng.uuid()), sourceIPs: [`${c.workers[0]!.podNet}.31`], userAgent: 'cert-manager-certificates-issuing/v1.16.1 (linux/amd64) cert-manager/a1b2c3d' };
  const cmAuthz = allowCRB('cert-manager-controller-certificates', 'cert-manager-controller-certificates', { kind: 'ServiceAccount', name: 'cert-manager', namespace: 'cert-manager' });
  let t = t0;
  tl.add(tag, create({ actor: cm, authz: cmAuthz, at: t, target: { group: 'cert-manager.io', version: 'v1', resource: 'certificaterequests', namespace: 'prod', name: `web-tls-${tl.rng.suffix()}` } }));
  t += 20 * SECOND;
  tl.add(tag, update({ actor: cm, authz: cmAuthz, at: t, target: core('secrets', 'prod', 'web-tls') }));
  const inj: Actor = {
    user: serviceAccountUser('cert-manager', 'cert-manager-cainjector', tl.rng.uuid(), tl.rng.uuid()),
    sourceIPs: [`${c.workers[1]!.podNet}.32`],
    userAgent: 'cainjector/v1.16.1 (linux/amd64) cert-manager/a1b2c3d',
  };
  const injAuthz = allowCRB('cert-manager-cainjector', 'cert-manager-cainjector', { kind: 'ServiceAccount', name: 'cert-manager-cainjector', namespace: 'cert-manager' });
  t += 2 * SECOND;
  for (const resource of ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations']) {
    tl.add(tag, patch({ actor: inj, authz: injAuthz, at: t, target: { group: 'admissionregistration.k8s.io', version: 'v1', resource, name: 'cert-manager-webhook' } }));
    t += 30 * MS;
  }
}

/** ingress-nginx: writes the Ingress status and renews its leader lease. */
function ingressController(tl: Timeline, c: Cluster, t0: Micros): void {
  const tag = 'benign:ingress-nginx';
  const actor: Actor = {
    user: serviceAccountUser('ingress-nginx', 'ingress-nginx', saUid(c, 'ingress-nginx', 'ingress-nginx'), saJti(c, 'ingress-nginx', 'ingress-nginx')),
    sourceIPs: [`${c.workers[2]!.podNet}.40`],
    userAgent: 'nginx-ingress-controller/v1.11.3 (linux/amd64) ingress-nginx/a30b0ec',
  };
  const authz = allowCRB('ingress-nginx', 'ingress-nginx', { kind: 'ServiceAccount', name: 'ingress-nginx', namespace: 'ingress-nginx' });
  tl.add(tag, update({ actor, authz, at: t0, target: { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses', namespace: 'prod', name: 'web', subresource: 'status' } }));
  for (let t = t0 + 5 * SECOND; t < t0 + 60 * MINUTE; t += 15 * MINUTE) {
    tl.add(tag, update({ actor, authz: allowRB('ingress-nginx', 'ingress-nginx', 'Role', 'ingress-nginx', { kind: 'ServiceAccount', name: 'ingress-nginx', namespace: 'ingress-nginx' }), at: t, target: { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', namespace: 'ingress-nginx', name: 'ingress-nginx-leader' } }));
  }
}

/** kube-controller-manager mints tokens for the controllers it runs as service accounts. */
function controllerTokens(tl: Timeline, c: Cluster, t0: Micros): void {
  const actor: Actor = { user: KCM_USER, sourceIPs: [c.controlPlane.ip], userAgent: componentUA('kube-controller-manager') };
  const authz = allowCRB('system:kube-controller-manager', 'system:kube-controller-manager', { kind: 'User', name: 'system:kube-controller-manager' });
  let t = t0;
  for (const sa of ['replicaset-controller', 'endpointslice-controller', 'job-controller']) {
    tl.add('benign:kube-controller-manager', create({ actor, authz, at: t, target: core('serviceaccounts', 'kube-system', sa, 'token') }));
    t += 3 * MS;
  }
}

/** Prometheus scrapes every kubelet's cAdvisor through the apiserver's node proxy. */
function cadvisorScrapes(tl: Timeline, c: Cluster, t0: Micros): void {
  const p = c.pods.prometheus;
  const actor: Actor = { user: podServiceAccountUser(p, saUid(c, 'monitoring', 'prometheus-k8s'), saJti(c, 'monitoring', 'prometheus-k8s')), sourceIPs: [p.ip], userAgent: 'Prometheus/2.54.1' };
  const authz = allowCRB('prometheus-k8s', 'prometheus-k8s', { kind: 'ServiceAccount', name: 'prometheus-k8s', namespace: 'monitoring' });
  for (let t = t0; t < t0 + 60 * MINUTE; t += 15 * MINUTE) {
    for (const n of c.nodes) {
      tl.add('benign:prometheus', {
        actor,
        authz,
        at: t + tl.rng.int(0, 900) * MS,
        verb: 'get',
        uri: `/api/v1/nodes/${n.name}/proxy/metrics/cadvisor`,
        target: { resource: 'nodes', name: n.name, subresource: 'proxy' },
        latency: tl.rng.int(20, 80) * MS,
      });
    }
  }
}

/** alice port-forwards to the database for a quick query, or runs a command in an api pod. */
function aliceDebug(tl: Timeline, c: Cluster, t0: Micros, kind: 'port-forward' | 'exec'): void {
  const actor: Actor = { user: ALICE, sourceIPs: ['192.0.2.10'], userAgent: KUBECTL_MAC };
  const authz = allowRB('platform-debug', 'prod', 'ClusterRole', 'admin', { kind: 'Group', name: 'oidc:platform-team' });
  const pod = c.pods.api[0] as Pod;
  if (kind === 'exec') {
    tl.add('benign:alice', exec({ actor, at: t0, authz, target: core('pods', 'prod', pod.name), command: ['ls', '-la', '/tmp'], container: 'api', tty: false, sessionSeconds: 2 }));
    return;
  }
  tl.add('benign:alice', {
    actor,
    at: t0,
    authz,
    verb: 'get',
    uri: `/api/v1/namespaces/prod/pods/${pod.name}/portforward`,
    target: core('pods', 'prod', pod.name, 'portforward'),
    code: 101,
    stages: ['ResponseStarted', 'ResponseComplete'],
    startedAfter: 30 * MS,
    latency: 4 * MINUTE,
  });
}

/** bob checks what he may do in prod before a change: `kubectl auth can-i --list -n prod`. */
function bobCanI(tl: Timeline, t0: Micros): void {
  const actor: Actor = { user: BOB, sourceIPs: ['192.0.2.24'], userAgent: KUBECTL_MAC };
  const authz = allowCRB('system:basic-user', 'system:basic-user', { kind: 'Group', name: 'system:authenticated' });
  tl.add('benign:bob', create({ actor, authz, at: t0, target: { group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectrulesreviews' }, body: { spec: { namespace: 'prod' } } }));
}

/** The kubelet on a node posts an Event when it pulls an image for the preview (events by nodes are routine). */
function kubeletEvent(tl: Timeline, c: Cluster, t0: Micros, ns: string): void {
  const node = c.workers[0]!;
  tl.add('benign:kubelet', create({ actor: { user: nodeUser(node), sourceIPs: [node.ip], userAgent: componentUA('kubelet') }, authz: ALLOW_NODE, at: t0, target: core('events', ns, eventName('web', t0)) }));
}

/** Chores of simulated hour `hour` (0 = the sample hour, which has none); `start` is its first instant. */
export function dailyChores(tl: Timeline, c: Cluster, start: Micros, hour: number): void {
  if (hour <= 0) return;
  const h = hour % 24;
  const day = Math.floor(hour / 24);
  controllerTokens(tl, c, start + 2 * MINUTE + 11 * SECOND);
  ingressController(tl, c, start + 4 * MINUTE + 40 * SECOND);
  cadvisorScrapes(tl, c, start + 7 * MINUTE);
  if (h % 6 === 1) helmUpgrade(tl, c, start + 21 * MINUTE + 5 * SECOND, 12 + day * 4 + Math.floor(h / 6));
  if (h === 3) {
    previewCreate(tl, c, start + 40 * MINUTE + 2 * SECOND, previewNamespace(day));
    kubeletEvent(tl, c, start + 40 * MINUTE + 9 * SECOND, previewNamespace(day));
  }
  if (h === 20) previewDelete(tl, c, start + 15 * MINUTE + 30 * SECOND, previewNamespace(day));
  if (h % 8 === 2) {
    const name = kubeletCertRotation(tl, c, start + 33 * MINUTE + 17 * SECOND, Math.floor(h / 8) + day);
    csrCleanup(tl, c, start + 58 * MINUTE + 3 * SECOND, name);
  }
  if (h === 5) certManagerRenewal(tl, c, start + 44 * MINUTE);
  if (h === 4) aliceDebug(tl, c, start + 16 * MINUTE + 44 * SECOND, 'port-forward');
  if (h === 6) aliceDebug(tl, c, start + 26 * MINUTE + 8 * SECOND, 'exec');
  if (h === 10) bobCanI(tl, start + 8 * MINUTE + 3 * SECOND);
}
