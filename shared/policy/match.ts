import type { RequestAttributes } from './attributes.ts';
import type { GroupResources, PolicyRule } from './types.ts';

// The apiserver's rule matcher (audit/policy/checker.go), behaviour for behaviour. Every list is
// an exact, case-sensitive membership test; only resources and nonResourceURLs know wildcards.

/** True when `rule` matches the request, exactly as kube-apiserver decides it. */
export function ruleMatches(rule: PolicyRule, attrs: RequestAttributes): boolean {
  if (rule.users.length > 0 && (attrs.user === undefined || !rule.users.includes(attrs.user))) return false;
  if (rule.userGroups.length > 0 && (attrs.user === undefined || !attrs.groups.some((g) => rule.userGroups.includes(g)))) return false;
  if (rule.verbs.length > 0 && !rule.verbs.includes(attrs.verb)) return false;
  // A rule naming resources or namespaces is a resource rule, even if it also (invalidly) has URLs.
  if (rule.namespaces.length > 0 || rule.resources.length > 0) return resourceRuleMatches(rule, attrs);
  if (rule.nonResourceURLs.length > 0) return !attrs.isResourceRequest && rule.nonResourceURLs.some((spec) => pathMatches(attrs.path ?? '', spec));
  return true;
}

/** Non-resource URL spec: `*` is everything, a trailing `*` is a prefix, anything else is exact. */
export function pathMatches(path: string, spec: string): boolean {
  if (spec === '*' || spec === path) return true;
  return spec.endsWith('*') && path.startsWith(spec.replace(/\*+$/, ''));
}

/**
 * Resource pattern against a request's resource and subresource: `*` is every resource and
 * subresource, `pods/*` is pods and all its subresources, `*\/scale` is the scale subresource of
 * anything; otherwise `resource` or `resource/subresource` exactly.
 */
export function resourcePatternMatches(pattern: string, resource: string, subresource: string): boolean {
  if (pattern === '*') return true;
  if (pattern === (subresource === '' ? resource : `${resource}/${subresource}`)) return true;
  if (subresource !== '' && pattern.startsWith('*/') && pattern.slice(2) === subresource) return true;
  return pattern.endsWith('/*') && pattern.slice(0, -2) === resource;
}

/** One resources entry: same group; no resources means the whole group; resourceNames need a name. */
export function groupResourcesMatch(gr: GroupResources, attrs: RequestAttributes): boolean {
  if (gr.group !== (attrs.apiGroup ?? '')) return false;
  if (gr.resources.length === 0) return true;
  // Requests without a name (create, deletecollection, most lists) carry '' here.
  if (gr.resourceNames.length > 0 && !gr.resourceNames.includes(attrs.name ?? '')) return false;
  return gr.resources.some((p) => resourcePatternMatches(p, attrs.resource ?? '', attrs.subresource ?? ''));
}

function resourceRuleMatches(rule: PolicyRule, attrs: RequestAttributes): boolean {
  if (!attrs.isResourceRequest) return false;
  // Cluster-scoped requests have namespace '', which is how `namespaces: [""]` selects them.
  if (rule.namespaces.length > 0 && !rule.namespaces.includes(attrs.namespace ?? '')) return false;
  return rule.resources.length === 0 || rule.resources.some((gr) => groupResourcesMatch(gr, attrs));
}
