import { describe, expect, it } from 'vitest';
import { field, podCreate } from './helpers.ts';

describe('ka request fields', () => {
  const ev = podCreate();

  it('reads the audit id, stage, verb, uri and user agent as written', () => {
    expect(field('ka.auditid', ev)).toBe('6bd0e59d-c553-40cf-ae9a-0858bd1049db');
    expect(field('ka.stage', ev)).toBe('ResponseComplete');
    expect(field('ka.verb', ev)).toBe('create');
    expect(field('ka.uri', ev)).toBe('/api/v1/namespaces/payments/pods?fieldManager=kubectl-client-side-apply&fieldValidation=Strict');
    expect(field('ka.useragent', ev)).toBe('kubectl/v1.30.1 (linux/amd64) kubernetes/6911225');
  });

  it('reads the authorization decision and reason from the annotations', () => {
    expect(field('ka.auth.decision', ev)).toBe('allow');
    expect(field('ka.auth.reason', ev)).toMatch(/^RBAC: allowed by ClusterRoleBinding "admins"/);
  });

  it('reads pod security violations, and is absent without the annotation', () => {
    expect(field('ka.security.pod.violations', ev)).toBe('would violate PodSecurity "restricted:latest": privileged');
    const none = podCreate((e) => {
      delete e.annotations?.['pod-security.kubernetes.io/audit-violations'];
    });
    expect(field('ka.security.pod.violations', none)).toBeUndefined();
  });

  it('reads OpenShift authentication and admission policy annotations only where present', () => {
    expect(field('ka.auth.openshift.decision', ev)).toBeUndefined();
    const oauth = podCreate((e) => {
      e.annotations = {
        'authentication.openshift.io/decision': 'error',
        'authentication.openshift.io/username': 'developer',
        'validation.policy.admission.k8s.io/validation_failure': '[{"message":"no","policy":"p","binding":"b"}]',
      };
    });
    expect(field('ka.auth.openshift.decision', oauth)).toBe('error');
    expect(field('ka.auth.openshift.username', oauth)).toBe('developer');
    expect(field('ka.validations.admission.policy.failure', oauth)).toBe('[{"message":"no","policy":"p","binding":"b"}]');
    expect(field('ka.auth.decision', oauth)).toBeUndefined();
  });

  it('reads the user name and groups', () => {
    expect(field('ka.user.name', ev)).toBe('alice@example.com');
    expect(field('ka.user.groups', ev)).toEqual(['system:masters', 'system:authenticated']);
  });

  it('treats an empty group list as absent, as Falco treats an extraction with no values', () => {
    expect(field('ka.user.groups', podCreate((e) => (e.user.groups = [])))).toBeUndefined();
  });

  it('reads the impersonated user only when the request impersonates', () => {
    expect(field('ka.impuser.name', ev)).toBeUndefined();
    const imp = podCreate((e) => (e.impersonatedUser = { username: 'system:serviceaccount:kube-system:admin' }));
    expect(field('ka.impuser.name', imp)).toBe('system:serviceaccount:kube-system:admin');
  });

  it('reads the client IPs from the event sourceIPs, and one by index', () => {
    expect(field('ka.sourceips', ev)).toEqual(['203.0.113.7', '10.0.0.12']);
    expect(field('ka.sourceips', ev, '0')).toBe('203.0.113.7');
    expect(field('ka.sourceips', ev, '1')).toBe('10.0.0.12');
    expect(field('ka.sourceips', ev, '2')).toBeUndefined();
  });

  it('renders a non-string scalar as its JSON text, as upstream does', () => {
    const odd = podCreate((e) => ((e as unknown as Record<string, unknown>)['verb'] = 42));
    expect(field('ka.verb', odd)).toBe('42');
  });
});

describe('ka.uri.param', () => {
  const exec = podCreate((e) => {
    e.requestURI =
      '/api/v1/namespaces/default/pods/web-0/exec?command=sh&command=-c&command=cat+%2Fetc%2Fshadow&container=web&stdin=true&tty=true';
  });

  it('returns the first value of a repeated parameter, URL-decoded', () => {
    expect(field('ka.uri.param', exec, 'command')).toBe('sh');
    expect(field('ka.uri.param', exec, 'container')).toBe('web');
  });

  it('decodes plus signs and percent escapes, including multi-byte UTF-8', () => {
    const ev = podCreate((e) => (e.requestURI = '/x?q=a+b%20c&name=caf%C3%A9&k%65y=v'));
    expect(field('ka.uri.param', ev, 'q')).toBe('a b c');
    expect(field('ka.uri.param', ev, 'name')).toBe('café');
    expect(field('ka.uri.param', ev, 'key')).toBe('v');
  });

  it('is absent for a missing parameter or a URI without a query', () => {
    expect(field('ka.uri.param', exec, 'tty2')).toBeUndefined();
    expect(field('ka.uri.param', podCreate((e) => (e.requestURI = '/healthz')), 'verbose')).toBeUndefined();
  });

  it('gives an empty string for a parameter without a value', () => {
    expect(field('ka.uri.param', podCreate((e) => (e.requestURI = '/x?watch&a=1')), 'watch')).toBe('');
  });

  it('skips malformed pairs without hiding the well-formed ones', () => {
    const ev = podCreate((e) => (e.requestURI = '/x?junk=%zz&a=1;b=2&command=sh'));
    expect(field('ka.uri.param', ev, 'command')).toBe('sh');
    expect(field('ka.uri.param', ev, 'junk')).toBeUndefined();
    expect(field('ka.uri.param', ev, 'a')).toBeUndefined();
  });

  it('ignores the fragment', () => {
    expect(field('ka.uri.param', podCreate((e) => (e.requestURI = '/x?a=1#b=2')), 'b')).toBeUndefined();
  });

  it('never answers inherited object members as parameters', () => {
    expect(field('ka.uri.param', exec, 'constructor')).toBeUndefined();
    expect(field('ka.uri.param', exec, '__proto__')).toBeUndefined();
    expect(field('ka.uri.param', podCreate((e) => (e.requestURI = '/x?__proto__=p')), '__proto__')).toBe('p');
  });
});
