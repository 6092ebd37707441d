import type { AuditEvent } from '../event/types.ts';

/**
 * What the apiserver's policy checker sees of a request (authorizer.Attributes). `user` absent
 * means no user information (a request that failed authentication): then no `users` or
 * `userGroups` rule matches it.
 */
export interface RequestAttributes {
  user?: string;
  groups: readonly string[];
  verb: string;
  namespace?: string;
  resource?: string;
  subresource?: string;
  apiGroup?: string;
  name?: string;
  path?: string;
  isResourceRequest: boolean;
}

/**
 * Rebuilds the attributes the policy was evaluated with from a recorded event. The event's user
 * is the authenticated one, which is what the policy sees (impersonation is resolved later in the
 * handler chain). objectRef present means a resource request; otherwise the path is the request
 * URI without its query, decoded as the server's URL.Path is.
 */
export function attributesFromEvent(ev: AuditEvent): RequestAttributes {
  const base = { groups: ev.user.groups ?? [], verb: ev.verb };
  const user = ev.user.username === undefined ? {} : { user: ev.user.username };
  const ref = ev.objectRef;
  if (ref === undefined) return { ...base, ...user, isResourceRequest: false, path: pathOf(ev.requestURI) };
  const attrs: RequestAttributes = {
    ...base,
    ...user,
    isResourceRequest: true,
    namespace: ref.namespace ?? '',
    apiGroup: ref.apiGroup ?? '',
    resource: ref.resource ?? '',
    subresource: ref.subresource ?? '',
    path: pathOf(ev.requestURI),
  };
  // The apiserver fills objectRef.name of a create from the request body after the policy ran;
  // at policy time a create of a new object (no subresource) had no name.
  const named = !(ev.verb === 'create' && !ref.subresource);
  if (named && ref.name !== undefined) attrs.name = ref.name;
  return attrs;
}

function pathOf(requestURI: string): string {
  const path = requestURI.split('?', 1)[0]!;
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
