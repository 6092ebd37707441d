// ka.req.binding.* and ka.req.role.*: (Cluster)RoleBindings and (Cluster)Roles in the request.

import { arrayAtPath, atPath, auditEvent, keyed, list, text } from './define.ts';
import { listValue, overItems } from './list.ts';
import { asArray, asString, own, ownPath, toText } from './own.ts';
import type { FieldDef, FieldValue, Scalar } from './types.ts';

type Subject = { kind: string; name: string; namespace: string };

function subjects(ev: Parameters<FieldDef['extract']>[0]): Subject[] | undefined {
  const items = asArray(ownPath(auditEvent(ev), 'requestObject', 'subjects'));
  if (items === undefined) return undefined;
  const out: Subject[] = [];
  for (const s of items) {
    const kind = asString(own(s, 'kind'));
    const name = asString(own(s, 'name'));
    if (kind !== undefined && name !== undefined) out.push({ kind, name, namespace: asString(own(s, 'namespace')) ?? '' });
  }
  return out;
}

/** Names of the subjects of one kind (`User`, `Group`, `ServiceAccount`), optionally `ns:name`. */
const subjectNames =
  (kind: string, withNamespace = false): FieldDef['extract'] =>
  (ev): FieldValue => {
    const all = subjects(ev);
    if (all === undefined) return undefined;
    return listValue(all.filter((s) => s.kind === kind).map((s) => (withNamespace ? `${s.namespace}:${s.name}` : s.name)));
  };

/** The values of one key of every rule, flattened; `[n]` selects rule n (all its values). */
const ruleAttr =
  (key: string): FieldDef['extract'] =>
  (ev, arg) =>
    overItems(asArray(ownPath(auditEvent(ev), 'requestObject', 'rules')), arg, (rule) => {
      const values = asArray(own(rule, key));
      const out: Scalar[] = [];
      for (const v of values ?? []) {
        const t = toText(v);
        if (t !== undefined) out.push(t);
      }
      return out;
    });

const RULE_INDEX = '`[n]` selects rule n and yields all its values (upstream behaviour; Falco\'s original implementation indexed the flattened list).';

export const kaRbacFields: readonly FieldDef[] = [
  list(
    'ka.req.binding.subjects',
    'Each subject of the binding in the request as compact JSON text, e.g. `{"kind":"User","apiGroup":"rbac.authorization.k8s.io","name":"alice"}`.',
    arrayAtPath('requestObject', 'subjects'),
  ),
  list('ka.req.binding.subjects.user_names', 'The names of the binding\'s subjects of kind User.', subjectNames('User')),
  list('ka.req.binding.subjects.serviceaccount_names', 'The names of the binding\'s subjects of kind ServiceAccount.', subjectNames('ServiceAccount')),
  list(
    'ka.req.binding.subjects.serviceaccount_ns_names',
    'The binding\'s ServiceAccount subjects as `namespace:name` (an empty namespace when the subject names none).',
    subjectNames('ServiceAccount', true),
  ),
  list('ka.req.binding.subjects.group_names', 'The names of the binding\'s subjects of kind Group.', subjectNames('Group')),
  text('ka.req.binding.role', 'The name of the role the binding grants (`requestObject.roleRef.name`).', atPath('requestObject', 'roleRef', 'name')),
  keyed(
    'ka.req.binding.subject.has_name',
    'Deprecated, kept so old rules load. Upstream describes it as always "N/A", but both its implementations return `true` for every event, so kadet does too.',
    () => 'true',
  ),
  list(
    'ka.req.role.rules',
    'Each PolicyRule of the role in the request as compact JSON text, e.g. `{"apiGroups":[""],"resources":["pods"],"verbs":["get"]}`.',
    arrayAtPath('requestObject', 'rules'),
  ),
  list('ka.req.role.rules.apiGroups', `The apiGroups of every rule of the role, flattened. ${RULE_INDEX}`, ruleAttr('apiGroups'), true),
  list('ka.req.role.rules.nonResourceURLs', `The nonResourceURLs of every rule of the role, flattened. ${RULE_INDEX}`, ruleAttr('nonResourceURLs'), true),
  list('ka.req.role.rules.verbs', `The verbs of every rule of the role, flattened (\`*\` included as is). ${RULE_INDEX}`, ruleAttr('verbs'), true),
  list('ka.req.role.rules.resources', `The resources of every rule of the role, flattened (\`pods/exec\` included as is). ${RULE_INDEX}`, ruleAttr('resources'), true),
];
