import { describe, expect, it } from 'vitest';
import { LINT_CODES } from '../../shared/policy/codes.ts';
import { lintPolicy } from '../../shared/policy/lint.ts';

// A policy with one of nearly every mistake, to check the code table against what lint emits.
const BAD = `apiVesion: audit.k8s.io/v1
kind: AuditPolicy
omitStages: [RequestReceived, ResponseComplete]
rules:
  - level: None
    resource: [secrets]
  - level: requestresponse
    verbs: ["*", GET, post]
    users: [" ", "bob "]
    userGroups: []
    resources:
      - group: ""
        resources: [deployments, "*/*", pod]
      - group: apps/v1
        resourceNames: [x]
    namespaces: [no]
  - level: Metadata
    level: Request
    nonResourceURLs: ["metrics", "/a/*/b"]
    namespaces: [kube-system]
    omitStages: [Nope]
  - level: Metadata
    verbs: [create]
    resources:
      - group: ""
        resources: [configmaps]
        resourceNames: [leader]
---
kind: Extra
`;

describe('LINT_CODES', () => {
  const found = lintPolicy(BAD, 'bad.yaml');

  it('lists every code lint emits, with the severity it is emitted at', () => {
    for (const d of found) expect([d.code, LINT_CODES.get(d.code)?.severity]).toEqual([d.code, d.severity]);
  });

  it('is exercised broadly by one bad policy', () => {
    expect(new Set(found.map((d) => d.code)).size).toBeGreaterThanOrEqual(20);
  });

  it('returns diagnostics in file order, each with file and path', () => {
    const lines = found.map((d) => d.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    for (const d of found) expect(d.file).toBe('bad.yaml');
  });
});
