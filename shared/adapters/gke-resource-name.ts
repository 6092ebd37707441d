// GKE's protoPayload.resourceName: `<group>/<version>[/namespaces/<ns>]/<resource>[/<name>[/<subresource>[/<path>…]]]`,
// the core group spelled `core`, and the apiserver's request path rebuilt from it.

/** What a resourceName says about the object; `path` is what follows a subresource (`nodes/x/proxy/metrics`). */
export interface ResourceTarget {
  /** '' for the core group. */
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
  path?: string[];
}

// As in the apiserver's request-info resolver: `namespaces/<n>/status|finalize` are the namespace's own subresources.
const NAMESPACE_SUBRESOURCES: ReadonlySet<string> = new Set(['status', 'finalize']);
// Verbs whose request path is the collection even when the audit event names an object.
const COLLECTION_VERBS: ReadonlySet<string> = new Set(['create', 'list', 'watch', 'deletecollection']);

/** Reads a resourceName; undefined when it does not have the resource form. */
export function parseResourceName(resourceName: string): ResourceTarget | undefined {
  const s = resourceName.split('/');
  if (s.length < 3 || s.some((x) => x === '')) return undefined;
  const [groupPart, version, ...rest] = s as [string, string, ...string[]];
  const out: ResourceTarget = { group: groupPart === 'core' ? '' : groupPart, version, resource: rest[0]! };
  let tail = rest.slice(1);
  if (rest[0] === 'namespaces' && rest.length > 1) {
    out.namespace = rest[1]!;
    // `namespaces/<n>` is the namespace object itself; its namespace is its own name, as the apiserver records it.
    if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2]!)) {
      out.resource = rest[2]!;
      tail = rest.slice(3);
    }
  }
  const [name, subresource, ...path] = tail;
  if (name !== undefined) out.name = name;
  if (subresource !== undefined) out.subresource = subresource;
  if (path.length > 0) out.path = path;
  return out;
}

/** Builds the resourceName GKE writes for a target. */
export function toResourceName(t: ResourceTarget): string {
  const ns = t.namespace !== undefined && t.resource !== 'namespaces' ? `/namespaces/${t.namespace}` : '';
  const name = t.name !== undefined ? `/${t.name}` : '';
  const sub = t.name !== undefined && t.subresource !== undefined ? `/${[t.subresource, ...(t.path ?? [])].join('/')}` : '';
  return `${t.group || 'core'}/${t.version}${ns}/${t.resource}${name}${sub}`;
}

/** The apiserver request path for a verb on a target (`/api/v1/namespaces/ns/pods/x/exec`); no query string. */
export function requestPath(t: ResourceTarget, verb: string): string {
  const base = t.group ? `/apis/${t.group}/${t.version}` : `/api/${t.version}`;
  const ns = t.namespace !== undefined && t.resource !== 'namespaces' ? `/namespaces/${t.namespace}` : '';
  const collection = `${base}${ns}/${t.resource}`;
  if (t.name === undefined || (COLLECTION_VERBS.has(verb) && t.subresource === undefined)) return collection;
  const sub = t.subresource !== undefined ? `/${[t.subresource, ...(t.path ?? [])].join('/')}` : '';
  return `${collection}/${t.name}${sub}`;
}
