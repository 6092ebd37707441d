import { isSeq, type Node } from 'yaml';
import { deref, joinPath, report, type DecodeContext } from './decode-context.ts';
import { readObject, type ObjectFields } from './decode-object.ts';
import { checkObject, isNull, readBool, readStrings, readText } from './decode-scalars.ts';
import type { GroupResources, Policy, PolicyRule } from './types.ts';

// Builds the typed Policy from the YAML tree; every field falls back to its Go zero value.

/** Decodes the top-level mapping into a Policy, reporting structural problems into `ctx`. */
export function decodePolicy(ctx: DecodeContext, root: Node): Policy {
  const obj = readObject(ctx, root, 'policy', '')!;
  const f = obj.fields;
  if (f.has('metadata')) checkObject(ctx, f.get('metadata'), 'metadata');
  return {
    ...obj.spans,
    file: ctx.file,
    apiVersion: readText(ctx, f.get('apiVersion'), 'apiVersion'),
    kind: readText(ctx, f.get('kind'), 'kind'),
    rules: list(ctx, f.get('rules'), 'rules').flatMap((n, i) => decodeRule(ctx, n, i) ?? []),
    omitStages: readStrings(ctx, f.get('omitStages'), 'omitStages'),
    omitManagedFields: readBool(ctx, f.get('omitManagedFields'), 'omitManagedFields') ?? false,
  };
}

function decodeRule(ctx: DecodeContext, node: Node | null, index: number): PolicyRule | undefined {
  const path = `rules[${index}]`;
  const obj = readObject(ctx, node, 'rule', path);
  if (obj === undefined) return undefined;
  const strings = (key: string): string[] => readStrings(ctx, obj.fields.get(key), joinPath(path, key));
  const rule: PolicyRule = {
    ...obj.spans,
    index,
    level: readText(ctx, obj.fields.get('level'), `${path}.level`),
    users: strings('users'),
    userGroups: strings('userGroups'),
    verbs: strings('verbs'),
    resources: list(ctx, obj.fields.get('resources'), `${path}.resources`).flatMap((n, i) => decodeGroupResources(ctx, n, `${path}.resources[${i}]`, obj, i) ?? []),
    namespaces: strings('namespaces'),
    nonResourceURLs: strings('nonResourceURLs'),
    omitStages: strings('omitStages'),
  };
  const omf = readBool(ctx, obj.fields.get('omitManagedFields'), `${path}.omitManagedFields`);
  if (omf !== undefined) rule.omitManagedFields = omf;
  recordItems(ctx, obj, ['users', 'userGroups', 'verbs', 'namespaces', 'nonResourceURLs', 'omitStages']);
  return rule;
}

function decodeGroupResources(ctx: DecodeContext, node: Node | null, path: string, rule: ObjectFields, i: number): GroupResources | undefined {
  const obj = readObject(ctx, node, 'groupResources', path);
  if (obj === undefined) return undefined;
  rule.spans.values[`resources[${i}]`] = obj.spans.pos;
  recordItems(ctx, obj, ['resources', 'resourceNames']);
  return {
    ...obj.spans,
    group: readText(ctx, obj.fields.get('group'), `${path}.group`),
    resources: readStrings(ctx, obj.fields.get('resources'), `${path}.resources`),
    resourceNames: readStrings(ctx, obj.fields.get('resourceNames'), `${path}.resourceNames`),
  };
}

/** The items of a list field; anything else is reported and treated as empty. */
function list(ctx: DecodeContext, raw: Node | null | undefined, path: string): (Node | null)[] {
  const node = deref(ctx, raw);
  if (isNull(node)) return [];
  if (isSeq(node)) return node.items as (Node | null)[];
  report(ctx, 'error', 'wrong-type', ctx.posOf(node), path, `${path} must be a list; the apiserver cannot decode this and will not start`);
  return [];
}

/** Remembers where each item of the string lists is, as `values['verbs[1]']`. */
function recordItems(ctx: DecodeContext, obj: ObjectFields, keys: readonly string[]): void {
  for (const key of keys) {
    const node = deref(ctx, obj.fields.get(key));
    if (!isSeq(node)) continue;
    node.items.forEach((item, i) => {
      obj.spans.values[`${key}[${i}]`] = ctx.posOf(deref(ctx, item as Node | null));
    });
  }
}
