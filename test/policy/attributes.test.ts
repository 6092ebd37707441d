import { describe, expect, it } from 'vitest';
import { attributesFromEvent } from '../../shared/policy/attributes.ts';
import { levelForEvent } from '../../shared/policy/evaluate.ts';
import { sampleEvent } from '../helpers/events.ts';
import { policyOf } from './helpers.ts';

describe('attributesFromEvent', () => {
  it('makes a resource request from objectRef', () => {
    expect(attributesFromEvent(sampleEvent())).toEqual({
      user: 'alice@example.com',
      groups: ['oidc:platform-team', 'system:authenticated'],
      verb: 'get',
      isResourceRequest: true,
      namespace: 'prod',
      apiGroup: '',
      resource: 'secrets',
      subresource: '',
      name: 'db-password',
      path: '/api/v1/namespaces/prod/secrets/db-password',
    });
  });

  it('makes a non-resource request from the URI without its query, decoded', () => {
    const ev = { ...sampleEvent(), requestURI: '/healthz/poststarthook%2Fx?verbose=1' };
    delete ev.objectRef;
    expect(attributesFromEvent(ev)).toMatchObject({ isResourceRequest: false, path: '/healthz/poststarthook/x' });
  });

  it('drops the name of a create, which the apiserver filled in from the body after the policy ran', () => {
    const ev = { ...sampleEvent(), verb: 'create', objectRef: { resource: 'secrets', namespace: 'prod', name: 'new-one' } };
    expect(attributesFromEvent(ev).name).toBeUndefined();
  });

  it('keeps the name of a create on a subresource (pods/exec carries the pod name)', () => {
    const ev = { ...sampleEvent(), verb: 'create', objectRef: { resource: 'pods', subresource: 'exec', namespace: 'prod', name: 'web-1' } };
    expect(attributesFromEvent(ev).name).toBe('web-1');
  });

  it('leaves the user out when the event has no username (failed authentication)', () => {
    const ev = { ...sampleEvent(), user: {} };
    expect(attributesFromEvent(ev)).toMatchObject({ groups: [] });
    expect(attributesFromEvent(ev)).not.toHaveProperty('user');
  });
});

describe('levelForEvent', () => {
  const policy = policyOf([
    { level: 'None', users: ['system:kube-proxy'] },
    { level: 'Metadata', resources: [{ group: '', resources: ['secrets'] }] },
    { level: 'Request', resources: [{ group: '', resources: ['secrets'], resourceNames: ['new-one'] }] },
  ]);

  it('decides the recorded request the way the apiserver did', () => {
    expect(levelForEvent(policy, sampleEvent())).toMatchObject({ level: 'Metadata', ruleIndex: 1 });
  });

  it('does not let a create match resourceNames through the name the event gained later', () => {
    const ev = { ...sampleEvent(), verb: 'create', objectRef: { resource: 'secrets', namespace: 'prod', name: 'new-one' } };
    const named = policyOf([{ level: 'Request', resources: [{ group: '', resources: ['secrets'], resourceNames: ['new-one'] }] }]);
    expect(levelForEvent(named, ev).level).toBe('None');
  });
});
