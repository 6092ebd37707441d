// audit.k8s.io/v1 Policy as written in the file, with a position for every object, key and value.
// Strings stay raw (a level may be misspelt) exactly as the apiserver's internal Policy keeps them;
// validation says what is wrong, evaluation only trusts what is valid.

/** 1-based line and column in the policy file. */
export interface Pos {
  line: number;
  column: number;
}

/** Where an object and its parts are: `keys.verbs` is the `verbs:` key, `values['verbs[1]']` its 2nd item. */
export interface Spans {
  pos: Pos;
  keys: Readonly<Record<string, Pos>>;
  values: Readonly<Record<string, Pos>>;
}

/** One entry of a rule's `resources:`; group '' is the core API group. */
export interface GroupResources extends Spans {
  group: string;
  resources: string[];
  resourceNames: string[];
}

/** One entry of `rules:`; `index` is 0-based, as in the `rules[3]` diagnostic path. */
export interface PolicyRule extends Spans {
  index: number;
  /** Raw level; '' when missing. */
  level: string;
  users: string[];
  userGroups: string[];
  verbs: string[];
  resources: GroupResources[];
  namespaces: string[];
  nonResourceURLs: string[];
  omitStages: string[];
  /** Unset means "inherit the policy's". */
  omitManagedFields?: boolean;
}

/** A parsed Policy document. */
export interface Policy extends Spans {
  file: string;
  apiVersion: string;
  kind: string;
  rules: PolicyRule[];
  omitStages: string[];
  omitManagedFields: boolean;
}
