import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditLevel } from '../../shared/event/types.ts';
import type { RequestAttributes } from '../../shared/policy/attributes.ts';
import { ruleContains } from '../../shared/policy/contains.ts';
import { policyLevelFor, type RequestShape } from '../../shared/policy/coverage.ts';
import { evaluatePolicy } from '../../shared/policy/evaluate.ts';
import { compareLevels } from '../../shared/policy/levels.ts';
import { ruleMatches } from '../../shared/policy/match.ts';
import { neverMatchesReason } from '../../shared/policy/reach.ts';
import { policyOf } from './helpers.ts';

// Small worlds where every request can be enumerated: each dimension has the values rules use
// plus one they do not, so a brute-force answer is the true answer.
const USERS = ['a', 'b', 'other'];
const GROUP_SETS = [[], ['g1'], ['g2'], ['g1', 'g2'], ['other']];
const VERBS = ['get', 'list', 'create', 'delete'];
const NAMESPACES = ['n1', 'n2', '', 'other'];
const RESOURCES: [string, string, string][] = [
  ['', 'pods', ''],
  ['', 'pods', 'log'],
  ['', 'secrets', ''],
  ['apps', 'pods', ''],
  ['apps', 'deployments', 'scale'],
];

/** Every request of the world, with names as the apiserver gives them per verb. */
function* requests(): Generator<RequestAttributes> {
  for (const user of [...USERS, undefined])
    for (const groups of GROUP_SETS)
      for (const verb of VERBS)
        for (const namespace of NAMESPACES)
          for (const [apiGroup, resource, subresource] of RESOURCES) {
            const nameless = verb === 'create' && subresource === '';
            const names = nameless ? [undefined] : verb === 'list' ? [undefined, 'x', 'other'] : ['x', 'other'];
            for (const name of names) {
              const attrs: RequestAttributes = { groups: user === undefined ? [] : groups, verb, namespace, apiGroup, resource, subresource, isResourceRequest: true };
              if (user !== undefined) attrs.user = user;
              if (name !== undefined) attrs.name = name;
              yield attrs;
            }
          }
  for (const path of ['/healthz', '/healthz/etcd', '/metrics']) yield { user: 'a', groups: ['g1'], verb: 'get', path, isResourceRequest: false };
}
const ALL = [...requests()];

const sub = <T>(values: readonly T[]) => fc.subarray([...values], { maxLength: Math.min(2, values.length) });
const ruleArb = fc.record(
  {
    level: fc.constantFrom('None', 'Metadata', 'Request', 'RequestResponse'),
    users: sub(['a', 'b']),
    userGroups: sub(['g1', 'g2']),
    verbs: sub(['get', 'list', 'create']),
    namespaces: sub(['n1', '']),
    resources: fc.array(
      fc.record({ group: fc.constantFrom('', 'apps'), resources: sub(['pods', 'pods/log', 'pods/*', '*', '*/scale', 'secrets']), resourceNames: sub(['x']) }),
      { maxLength: 2 },
    ),
    nonResourceURLs: sub(['/healthz*', '/metrics']),
  },
  // Every key present; an empty list is no restriction, as in the apiserver.
);
// Valid rules only: URLs never together with resources or namespaces.
const validRule = ruleArb.map((r) => (r.resources.length > 0 || r.namespaces.length > 0 ? { ...r, nonResourceURLs: [] } : r));

describe('properties over a small world', () => {
  it('ruleContains is sound: whatever the inner rule matches, the outer one matches', () => {
    let contained = 0;
    fc.assert(
      fc.property(validRule, validRule, (outer, inner) => {
        const [o, i] = policyOf([outer, inner]).rules;
        if (!ruleContains(o!, i!)) return;
        contained++;
        for (const req of ALL) if (ruleMatches(i!, req)) expect(ruleMatches(o!, req)).toBe(true);
      }),
      { numRuns: 1000 },
    );
    // The property only speaks when containment holds: make sure it did, often enough to mean something.
    expect(contained).toBeGreaterThan(10);
  });

  it('a rule called never-matching matches no request', () => {
    let never = 0;
    fc.assert(
      fc.property(validRule, (rule) => {
        const [r] = policyOf([rule]).rules;
        if (neverMatchesReason(r!) === undefined) return;
        never++;
        expect(ALL.filter((req) => ruleMatches(r!, req))).toEqual([]);
      }),
      { numRuns: 1000 },
    );
    expect(never).toBeGreaterThan(10);
  });

  it('policyLevelFor equals the minimum over every request of the shape', () => {
    const shapeArb = fc.record({
      verbs: fc.subarray(VERBS, { minLength: 1 }),
      resources: fc.subarray(RESOURCES, { minLength: 1 }).map((rs) => rs.map(([group, resource, subresource]) => ({ group, resource, subresource }))),
      namespaces: fc.option(fc.subarray(NAMESPACES, { minLength: 1 }), { nil: undefined }),
      users: fc.option(fc.subarray(USERS, { minLength: 1 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(validRule, { minLength: 1, maxLength: 6 }), shapeArb, (rules, shape) => {
        const policy = policyOf(rules);
        const s: RequestShape = { verbs: shape.verbs, resources: shape.resources };
        if (shape.namespaces !== undefined) s.namespaces = shape.namespaces;
        if (shape.users !== undefined) s.users = shape.users;
        const inShape = ALL.filter(
          (req) =>
            req.isResourceRequest &&
            s.verbs.includes(req.verb) &&
            s.resources.some((r) => r.group === req.apiGroup && r.resource === req.resource && r.subresource === req.subresource) &&
            (s.namespaces === undefined || s.namespaces.includes(req.namespace!)) &&
            (s.users === undefined || (req.user !== undefined && s.users.includes(req.user))),
        );
        const levels = inShape.map((req) => evaluatePolicy(policy, req).level);
        const min = levels.reduce<AuditLevel>((m, l) => (compareLevels(l, m) < 0 ? l : m), 'RequestResponse');
        const got = policyLevelFor(policy, s);
        expect(got.exact).toBe(true);
        expect(got.level).toBe(min);
      }),
      { numRuns: 600 },
    );
  });
});
