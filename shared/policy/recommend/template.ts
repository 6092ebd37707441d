import { resourcesOf } from '../known-resources.ts';
import type { DraftResources, DraftRule } from './draft.ts';

// The usual noise of a cluster's audit log, as None rules. Each is narrowed afterwards (narrow.ts)
// so it never hides a request a loaded rule can fire on; what is left of it goes in the policy.

// Built-in groups whose objects system components read all day.
const READ_GROUPS = [
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'rbac.authorization.k8s.io',
  'networking.k8s.io',
  'storage.k8s.io',
  'discovery.k8s.io',
  'coordination.k8s.io',
  'node.k8s.io',
  'scheduling.k8s.io',
  'certificates.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'flowcontrol.apiserver.k8s.io',
];

/** Every built-in resource of the groups system components watch, one entry per group. */
function builtInResources(): DraftResources[] {
  return READ_GROUPS.map((group) => ({ group, resources: resourcesOf(group).filter((r) => r !== 'bindings') })).filter((e) => e.resources.length > 0);
}

const READS = ['get', 'list', 'watch'];
const CONTROL_PLANE = ['system:kube-controller-manager', 'system:kube-scheduler', 'system:apiserver'];

/** The noise rules, most voluminous first. */
export function noiseRules(): DraftRule[] {
  const none = { level: 'None' as const, kind: 'noise' as const };
  return [
    {
      ...none,
      why: 'kube-proxy watches Services and Endpoints on every node, all the time.',
      users: ['system:kube-proxy'],
      verbs: ['watch'],
      resources: [
        { group: '', resources: ['endpoints', 'services', 'services/status'] },
        { group: 'discovery.k8s.io', resources: ['endpointslices'] },
      ],
    },
    {
      ...none,
      why: 'Kubelets renew their node Lease and report node and pod status every few seconds.',
      userGroups: ['system:nodes'],
      verbs: ['get', 'update', 'patch'],
      resources: [
        { group: '', resources: ['nodes', 'nodes/status', 'pods/status'] },
        { group: 'coordination.k8s.io', resources: ['leases'] },
      ],
    },
    {
      ...none,
      why: 'Kubelets read their node and the objects of the pods they run (service-account tokens are fetched with create, which stays logged).',
      userGroups: ['system:nodes'],
      verbs: READS,
      resources: builtInResources(),
    },
    {
      ...none,
      why: 'Leader election: every controller renews its Lease every few seconds.',
      userGroups: ['system:authenticated'],
      verbs: ['get', 'update'],
      resources: [{ group: 'coordination.k8s.io', resources: ['leases'] }],
    },
    {
      ...none,
      why: 'The control plane re-reads everything it caches: the controller manager, the scheduler and the apiserver itself.',
      users: CONTROL_PLANE,
      verbs: READS,
      resources: builtInResources(),
    },
    {
      ...none,
      why: 'Controllers running as kube-system service accounts (--use-service-account-credentials) re-read what they reconcile.',
      userGroups: ['system:serviceaccounts:kube-system'],
      verbs: READS,
      resources: builtInResources(),
    },
    {
      ...none,
      why: 'Endpoints and EndpointSlices are rewritten by their controllers whenever a pod behind a Service changes.',
      users: [
        'system:kube-controller-manager',
        'system:serviceaccount:kube-system:endpoint-controller',
        'system:serviceaccount:kube-system:endpointslice-controller',
        'system:serviceaccount:kube-system:endpointslicemirroring-controller',
      ],
      verbs: ['create', 'update', 'patch', 'delete'],
      resources: [
        { group: '', resources: ['endpoints'] },
        { group: 'discovery.k8s.io', resources: ['endpointslices'] },
      ],
    },
    {
      ...none,
      why: 'Events are written by every controller and kubelet and describe the cluster, not who did what. Only authenticated callers: failed and anonymous attempts stay logged.',
      userGroups: ['system:authenticated'],
      resources: [
        { group: '', resources: ['events'] },
        { group: 'events.k8s.io', resources: ['events'] },
      ],
    },
    {
      ...none,
      why: 'Health probes from load balancers and kubelets. Requests that fail authentication have no user and stay logged.',
      userGroups: ['system:authenticated', 'system:unauthenticated'],
      nonResourceURLs: ['/healthz', '/healthz/*', '/livez', '/livez/*', '/readyz', '/readyz/*'],
    },
    {
      ...none,
      why: 'Metrics scrapes and API discovery (kubectl fetches it before commands) by authenticated callers; anonymous ones stay logged.',
      userGroups: ['system:authenticated'],
      verbs: ['get'],
      nonResourceURLs: ['/metrics', '/metrics/*', '/api', '/api/*', '/apis', '/apis/*', '/openapi/*', '/version', '/version/'],
    },
  ];
}
