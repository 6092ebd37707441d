import { diagnostic, type Diagnostic } from './diagnostic.ts';
import type { Policy } from './types.ts';

// What the apiserver's policy reader demands before validation: a known group/version, kind
// Policy, and at least one rule.

const CURRENT = 'audit.k8s.io/v1';

/** Removed versions: parsed so their rules can be evaluated, refused by every current apiserver. */
const REMOVED: Readonly<Record<string, string>> = {
  'audit.k8s.io/v1beta1': 'deprecated in 1.21 and removed in Kubernetes 1.24: kube-apiserver 1.24 and later refuse to start with it',
  'audit.k8s.io/v1alpha1': 'removed in Kubernetes 1.24: kube-apiserver 1.24 and later refuse to start with it',
};

/** apiVersion, kind and "at least one rule" problems. */
export function validateHeader(policy: Policy): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (key: string) => policy.values[key] ?? policy.pos;
  const err = (key: string, code: string, message: string) => out.push(diagnostic('error', code, policy.file, at(key), key, message));
  const { apiVersion, kind } = policy;
  if (apiVersion === '') err('apiVersion', 'missing-api-version', `apiVersion is required: ${CURRENT}`);
  else if (REMOVED[apiVersion] !== undefined) err('apiVersion', 'removed-api-version', `${apiVersion} is ${REMOVED[apiVersion]}; use ${CURRENT}`);
  else if (apiVersion !== CURRENT) err('apiVersion', 'unknown-api-version', `unknown apiVersion "${apiVersion}": an audit policy is ${CURRENT}`);
  if (kind === '') err('kind', 'missing-kind', 'kind is required: Policy');
  else if (kind !== 'Policy') err('kind', 'invalid-kind', `kind "${kind}" is not an audit policy: use kind: Policy`);
  if (policy.rules.length === 0) {
    const message = 'the policy has no rules: the apiserver refuses a policy with 0 rules';
    out.push(diagnostic('error', 'no-rules', policy.file, policy.keys.rules ?? policy.pos, 'rules', message));
  }
  return out;
}
