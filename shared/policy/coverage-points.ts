import { classifyPattern } from './pattern.ts';
import type { Policy } from './types.ts';

/** A concrete resource a request can address; subresource '' is none. */
export interface ResourcePoint {
  group: string;
  resource: string;
  subresource: string;
}

/** Stand-ins for "any name the policy does not mention"; '<' keeps them from colliding with real names. */
export const OTHER = { group: '<other group>', resource: '<other resource>', subresource: '<other subresource>' } as const;

/**
 * One resource per class of resources the policy cannot tell apart: every group, resource and
 * subresource the policy names, plus one it does not name at each level. Any real resource gets
 * the same decisions as one of these, so the search over them is exact.
 */
export function representativeResources(policy: Policy): ResourcePoint[] {
  const byGroup = new Map<string, { resources: Set<string>; subresources: Set<string> }>();
  const entry = (g: string) => byGroup.get(g) ?? byGroup.set(g, { resources: new Set([OTHER.resource]), subresources: new Set(['', OTHER.subresource]) }).get(g)!;
  entry(OTHER.group);
  for (const gr of policy.rules.flatMap((r) => r.resources)) {
    const e = entry(gr.group);
    for (const shape of gr.resources.map(classifyPattern)) {
      if (shape.kind === 'exact' || shape.kind === 'anySubresource') e.resources.add(shape.resource);
      if (shape.kind === 'exact' && shape.subresource !== '') e.subresources.add(shape.subresource);
      if (shape.kind === 'anyResource') e.subresources.add(shape.subresource);
    }
  }
  return [...byGroup].flatMap(([group, e]) => [...e.resources].flatMap((resource) => [...e.subresources].map((subresource) => ({ group, resource, subresource }))));
}
