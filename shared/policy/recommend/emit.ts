import { Document, isMap, isSeq, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Draft, DraftRule } from './draft.ts';
import { wrap } from './wording.ts';

// Key order of a rule as people write them: level first, then who, what, where.
const KEYS = ['level', 'users', 'userGroups', 'verbs', 'resources', 'nonResourceURLs', 'omitStages'] as const;

/** The draft as audit Policy YAML, with every rule's reason as a comment above it. */
export function emitDraft(draft: Draft): string {
  const doc = new Document({
    apiVersion: 'audit.k8s.io/v1',
    kind: 'Policy',
    ...(draft.omitStages.length > 0 ? { omitStages: draft.omitStages } : {}),
    rules: draft.rules.map(plain),
  });
  // Without omitStages there is no key to hang its reason on: it goes in the header.
  const header = draft.omitStages.length > 0 ? draft.header : [...draft.header, draft.omitStagesWhy];
  doc.commentBefore = comment(header.join('\n'));
  const root = doc.contents as YAMLMap;
  const stages: unknown = root.get('omitStages', true);
  if (isSeq(stages)) {
    stages.flow = true;
    const pair = root.items.find((p) => (p.key as { value?: unknown }).value === 'omitStages');
    if (pair !== undefined) (pair.key as { commentBefore?: string }).commentBefore = comment(draft.omitStagesWhy);
  }
  const rules = root.get('rules', true) as unknown as YAMLSeq;
  rules.items.forEach((item, i) => {
    if (!isMap(item)) return;
    item.commentBefore = comment(draft.rules[i]!.why);
    item.spaceBefore = i > 0;
    for (const pair of item.items) flowShortLists(pair.value);
  });
  return doc.toString({ lineWidth: 0 });
}

function plain(r: DraftRule): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of KEYS) if (r[k as keyof DraftRule] !== undefined) out[k] = r[k as keyof DraftRule];
  return out;
}

// Lists of names in [a, b] form, resources entries as block mappings.
function flowShortLists(node: unknown): void {
  if (!isSeq(node)) return;
  if (node.items.every((x) => !isMap(x))) node.flow = true;
  else for (const entry of node.items) if (isMap(entry)) for (const p of entry.items) flowShortLists(p.value);
}

function comment(text: string): string {
  return wrap(text)
    .map((l) => (l === '' ? '' : ` ${l}`))
    .join('\n');
}
