// GKE's protoPayload.methodName: `io.k8s.<group>.<version>.<resource>[.<subresource>].<verb>`, or
// `io.k8s.<verb>` for a non-resource request (`io.k8s.get` of `readyz`).

/** The API group, version, resource and subresource a resource methodName names. */
export interface MethodTarget {
  /** '' for the core group. */
  group: string;
  version: string;
  resource: string;
  subresource?: string;
}

/** A methodName read apart: always the verb; the target only when the name has the resource form. */
export type MethodName = { kind: 'nonResource'; verb: string } | { kind: 'resource'; verb: string; target?: MethodTarget };

const VERSION = /^v\d+(?:(?:alpha|beta)\d+)?$/;
const SEGMENT = /^[A-Za-z0-9_-]+$/;
// Built-in groups that predate domain-qualified names; every other undotted prefix under io.k8s is `<x>.k8s.io`.
const LEGACY_GROUPS: ReadonlySet<string> = new Set(['apps', 'batch', 'autoscaling', 'policy', 'extensions']);

/** Reads a methodName; undefined when it is not a Kubernetes method name at all. */
export function parseMethodName(methodName: string): MethodName | undefined {
  const s = methodName.split('.');
  if (s.length < 3 || !s.every((x) => SEGMENT.test(x))) return undefined;
  const verb = s.at(-1)!;
  if (s.length === 3 && s[0] === 'io' && s[1] === 'k8s') return { kind: 'nonResource', verb };
  // The version sits before `<resource>.<verb>` or before `<resource>.<subresource>.<verb>`.
  const at = VERSION.test(s[s.length - 3]!) ? s.length - 3 : s.length >= 5 && VERSION.test(s[s.length - 4]!) ? s.length - 4 : -1;
  if (at < 1) return { kind: 'resource', verb };
  const [resource, subresource] = s.slice(at + 1, -1);
  const target: MethodTarget = { group: groupOfPrefix(s.slice(0, at)), version: s[at]!, resource: resource! };
  if (subresource !== undefined) target.subresource = subresource;
  return { kind: 'resource', verb, target };
}

/** Builds the methodName GKE writes for a request; no target means a non-resource request. */
export function toMethodName(verb: string, target?: MethodTarget): string {
  if (!target) return `io.k8s.${verb}`;
  const sub = target.subresource ? `.${target.subresource}` : '';
  return `${prefixOfGroup(target.group)}.${target.version}.${target.resource}${sub}.${verb}`;
}

/** `rbac.authorization.k8s.io` → `io.k8s.authorization.rbac`, `apps` → `io.k8s.apps`, `''` → `io.k8s.core`. */
export function prefixOfGroup(group: string): string {
  if (group === '') return 'io.k8s.core';
  if (!group.includes('.')) return `io.k8s.${group}`;
  return group.split('.').reverse().join('.');
}

function groupOfPrefix(prefix: string[]): string {
  if (prefix[0] === 'io' && prefix[1] === 'k8s' && prefix.length > 2) {
    const rest = prefix.slice(2);
    if (rest.length === 1 && rest[0] === 'core') return '';
    if (rest.length === 1 && LEGACY_GROUPS.has(rest[0]!)) return rest[0]!;
    return `${rest.reverse().join('.')}.k8s.io`;
  }
  return [...prefix].reverse().join('.');
}
