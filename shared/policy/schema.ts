// The Policy schema as a table: what each object may contain and of which type. The decoder, the
// unknown-key suggestions and the "belongs elsewhere" hints all read this one table.

export type FieldType = 'string' | 'strings' | 'bool' | 'object' | 'rules' | 'groupResources';

export type ObjectKind = 'policy' | 'rule' | 'groupResources';

export const FIELDS: Readonly<Record<ObjectKind, Readonly<Record<string, FieldType>>>> = {
  policy: { apiVersion: 'string', kind: 'string', metadata: 'object', rules: 'rules', omitStages: 'strings', omitManagedFields: 'bool' },
  rule: {
    level: 'string',
    users: 'strings',
    userGroups: 'strings',
    verbs: 'strings',
    resources: 'groupResources',
    namespaces: 'strings',
    nonResourceURLs: 'strings',
    omitStages: 'strings',
    omitManagedFields: 'bool',
  },
  groupResources: { group: 'string', resources: 'strings', resourceNames: 'strings' },
};

/** How each object is named in messages. */
export const OBJECT_NAMES: Readonly<Record<ObjectKind, string>> = {
  policy: 'the Policy',
  rule: 'a rule',
  groupResources: 'a resources entry',
};

/**
 * Misspellings edit distance does not find, per object: a key that is right in one place and
 * wrong in another (`groups` is not a key anywhere; in a rule it means userGroups, in a resources
 * entry it means group).
 */
export const ALIASES: Readonly<Record<ObjectKind, Readonly<Record<string, string>>>> = {
  policy: { rule: 'rules', stages: 'omitStages' },
  rule: { groups: 'userGroups', user: 'users', usergroup: 'userGroups', urls: 'nonResourceURLs', stages: 'omitStages' },
  groupResources: { groups: 'group', apiGroup: 'group', apiGroups: 'group', names: 'resourceNames', resource: 'resources' },
};

/** Rule fields that restrict what a rule matches: a lost one widens the rule. */
export const FILTER_FIELDS: ReadonlySet<string> = new Set(['users', 'userGroups', 'verbs', 'resources', 'namespaces', 'nonResourceURLs']);
