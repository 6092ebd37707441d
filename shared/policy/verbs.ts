// Which verbs a request can carry (apiserver RequestInfo): resource requests get a Kubernetes verb
// derived from the method and the path; non-resource requests get the lowercase HTTP method.

/** Verbs of resource requests (`proxy` and `watch` also come from the old /proxy/ and /watch/ paths). */
export const RESOURCE_VERBS: ReadonlySet<string> = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'proxy']);

/** Verbs of non-resource requests (/healthz, /metrics, /version…): the HTTP method in lower case. */
export const NON_RESOURCE_VERBS: ReadonlySet<string> = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

/**
 * Verbs whose request can have no object name when the policy is evaluated: a create of a new
 * object (its name is in the body) and deletecollection. A list or watch has a name when it
 * selects one object with fieldSelector=metadata.name=…, and a create of a subresource
 * (pods/exec, pods/eviction) has the parent's name.
 */
export const NAMELESS_VERBS: ReadonlySet<string> = new Set(['create', 'deletecollection']);

/** The verb a non-resource request uses where people write a resource verb, and back. */
export const VERB_COUNTERPART: Readonly<Record<string, string>> = {
  create: 'post',
  update: 'put',
  list: 'get',
  watch: 'get',
  deletecollection: 'delete',
  post: 'create',
  put: 'update',
  head: 'get',
};
