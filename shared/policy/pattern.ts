// What a resources pattern can match, so lint can compare patterns without requests.

export type ResourcePattern =
  | { kind: 'all' }
  | { kind: 'exact'; resource: string; subresource: string }
  | { kind: 'anySubresource'; resource: string }
  | { kind: 'anyResource'; subresource: string }
  | { kind: 'never'; why: string };

const WILDCARDS = "the only wildcards are '*', 'resource/*' and '*/subresource'";

/** Classifies a pattern the way the apiserver's matcher treats it. */
export function classifyPattern(p: string): ResourcePattern {
  if (p === '*') return { kind: 'all' };
  if (p.trim() === '') return { kind: 'never', why: 'it is blank' };
  if (/\s/.test(p)) return { kind: 'never', why: 'it contains whitespace' };
  if (p !== p.toLowerCase()) return { kind: 'never', why: `resource names are lower case: did you mean "${p.toLowerCase()}"?` };
  const parts = p.split('/');
  if (parts.length > 2) return { kind: 'never', why: 'a request has at most resource/subresource' };
  const [resource = '', subresource = ''] = parts;
  if (parts.length === 2 && (resource === '' || subresource === '')) return { kind: 'never', why: 'it has an empty part around "/"' };
  if (resource === '*' && subresource === '*') return { kind: 'never', why: "use '*' for every resource and subresource" };
  if (resource === '*' && !subresource.includes('*')) return { kind: 'anyResource', subresource };
  if (subresource === '*' && !resource.includes('*')) return { kind: 'anySubresource', resource };
  if (p.includes('*')) return { kind: 'never', why: `'*' here is taken literally: ${WILDCARDS}` };
  return { kind: 'exact', resource, subresource };
}

/** True when every request `inner` matches is matched by `outer` (conservative: false if unsure). */
export function patternCovers(outer: ResourcePattern, inner: ResourcePattern): boolean {
  if (inner.kind === 'never' || outer.kind === 'never') return false;
  switch (outer.kind) {
    case 'all':
      return true;
    case 'anySubresource':
      return (inner.kind === 'exact' || inner.kind === 'anySubresource') && inner.resource === outer.resource;
    case 'anyResource':
      return (inner.kind === 'exact' || inner.kind === 'anyResource') && inner.subresource === outer.subresource;
    case 'exact':
      return inner.kind === 'exact' && inner.resource === outer.resource && inner.subresource === outer.subresource;
  }
}
