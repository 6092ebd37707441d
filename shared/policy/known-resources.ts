// Built-in resources of Kubernetes API groups ('' is core), so lint can say "deployments are in
// apps, not in the core group" and "nodes are cluster-scoped". Only built-in groups are listed:
// a group not here (a CRD's) can hold any resource and is never second-guessed.

interface GroupTable {
  namespaced: readonly string[];
  cluster: readonly string[];
}

const BUILT_IN: Readonly<Record<string, GroupTable>> = {
  '': {
    namespaced: ['pods', 'services', 'endpoints', 'configmaps', 'secrets', 'serviceaccounts', 'persistentvolumeclaims', 'events', 'replicationcontrollers', 'resourcequotas', 'limitranges', 'podtemplates', 'bindings'],
    cluster: ['nodes', 'persistentvolumes', 'componentstatuses'],
  },
  apps: { namespaced: ['deployments', 'replicasets', 'statefulsets', 'daemonsets', 'controllerrevisions'], cluster: [] },
  batch: { namespaced: ['jobs', 'cronjobs'], cluster: [] },
  autoscaling: { namespaced: ['horizontalpodautoscalers'], cluster: [] },
  policy: { namespaced: ['poddisruptionbudgets'], cluster: ['podsecuritypolicies'] },
  'rbac.authorization.k8s.io': { namespaced: ['roles', 'rolebindings'], cluster: ['clusterroles', 'clusterrolebindings'] },
  'networking.k8s.io': { namespaced: ['networkpolicies', 'ingresses'], cluster: ['ingressclasses', 'ipaddresses', 'servicecidrs'] },
  'storage.k8s.io': { namespaced: ['csistoragecapacities'], cluster: ['storageclasses', 'volumeattachments', 'csidrivers', 'csinodes'] },
  'admissionregistration.k8s.io': {
    namespaced: [],
    cluster: ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations', 'validatingadmissionpolicies', 'validatingadmissionpolicybindings'],
  },
  'apiextensions.k8s.io': { namespaced: [], cluster: ['customresourcedefinitions'] },
  'apiregistration.k8s.io': { namespaced: [], cluster: ['apiservices'] },
  'certificates.k8s.io': { namespaced: [], cluster: ['certificatesigningrequests'] },
  'coordination.k8s.io': { namespaced: ['leases'], cluster: [] },
  'discovery.k8s.io': { namespaced: ['endpointslices'], cluster: [] },
  'events.k8s.io': { namespaced: ['events'], cluster: [] },
  'scheduling.k8s.io': { namespaced: [], cluster: ['priorityclasses'] },
  'node.k8s.io': { namespaced: [], cluster: ['runtimeclasses'] },
  'authentication.k8s.io': { namespaced: [], cluster: ['tokenreviews', 'selfsubjectreviews'] },
  'authorization.k8s.io': { namespaced: ['localsubjectaccessreviews'], cluster: ['subjectaccessreviews', 'selfsubjectaccessreviews', 'selfsubjectrulesreviews'] },
  'flowcontrol.apiserver.k8s.io': { namespaced: [], cluster: ['flowschemas', 'prioritylevelconfigurations'] },
};

/** True for a group whose resources are all known here. */
export function isBuiltInGroup(group: string): boolean {
  return Object.hasOwn(BUILT_IN, group);
}

/** The built-in resources of `group` (namespaced and cluster-scoped). */
export function resourcesOf(group: string): string[] {
  const t = BUILT_IN[group];
  return t === undefined ? [] : [...t.namespaced, ...t.cluster];
}

/** Built-in groups that have `resource`; `namespaces` itself is core and counted as such. */
export function groupsHaving(resource: string): string[] {
  if (resource === 'namespaces') return [''];
  return Object.keys(BUILT_IN).filter((g) => resourcesOf(g).includes(resource));
}

/**
 * True when requests for `resource` of `group` always have namespace ''. Not `namespaces`: a
 * request for namespace X has namespace X.
 */
export function isClusterScoped(group: string, resource: string): boolean {
  return BUILT_IN[group]?.cluster.includes(resource) ?? false;
}
