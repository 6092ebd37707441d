import { describe, expect, it } from 'vitest';
import { fieldRegistry } from '../../shared/engine/fields/index.ts';
import { Engine, loadRuleSources } from '../../shared/engine/index.ts';
import type { CanonicalEvent } from '../../shared/event/types.ts';

// The engine with the real field registry: a condensed k8s_audit rules file in Falco's style.
const RULES = `
- required_engine_version: 15
- required_plugin_versions:
  - name: k8saudit
    version: 0.7.0

- list: k8s_audit_stages
  items: ["ResponseComplete"]
- macro: kevt
  condition: (jevt.value[/stage] in (k8s_audit_stages))
- macro: kcreate
  condition: ka.verb=create
- macro: pod
  condition: ka.target.resource=pods and not ka.target.subresource exists
- macro: response_successful
  condition: (ka.response.code startswith 2)
- list: trusted_images
  items: [registry.k8s.io/kube-proxy]

- rule: Create Privileged Pod
  desc: privileged pod
  condition: kevt and pod and kcreate and ka.req.pod.containers.privileged intersects (true) and not ka.req.pod.containers.image.repository in (trusted_images)
  output: Privileged pod (user=%ka.user.name pod=%ka.target.name ns=%ka.target.namespace images=%ka.req.pod.containers.image cluster=%kadet.cluster)
  priority: WARNING
  source: k8s_audit
  tags: [k8s]
  mitre: {technique: T1610}

- rule: Attach/Exec Pod
  desc: exec
  condition: jevt.value[/stage]=ResponseStarted and ka.target.subresource in (exec, attach)
  output: Exec (user=%ka.user.name command=%ka.uri.param[command])
  priority: NOTICE
  source: k8s_audit
  exceptions:
    - name: debug_users
      fields: ka.user.name
      values: [sre-bot]

- rule: Anonymous Request Allowed
  desc: anonymous
  condition: kevt and ka.user.name=system:anonymous and ka.auth.decision="allow" and response_successful
  output: Anonymous (verb=%ka.verb uri=%ka.uri)
  priority: WARNING
  source: k8s_audit
`;

function event(over: Partial<CanonicalEvent['event']>): CanonicalEvent {
  return {
    event: {
      level: 'RequestResponse',
      auditID: 'id-1',
      stage: 'ResponseComplete',
      requestURI: '/api/v1/namespaces/default/pods',
      verb: 'create',
      user: { username: 'alice' },
      objectRef: { resource: 'pods', namespace: 'default', name: 'web' },
      responseStatus: { code: 201 },
      ...over,
    },
    origin: { provider: 'eks', cluster: 'prod' },
  };
}

const loaded = loadRuleSources([{ file: 'k8s.yaml', text: RULES }], fieldRegistry);
const engine = new Engine(loaded.rules, { matching: 'all' });

describe('engine with the real field registry', () => {
  it('loads a Falco-style k8s_audit file with no errors', () => {
    expect(loaded.errors.map((e) => e.format())).toEqual([]);
    expect(loaded.rules.map((r) => r.name)).toEqual(['Create Privileged Pod', 'Attach/Exec Pod', 'Anonymous Request Allowed']);
    expect(loaded.rules[0]?.extra).toEqual({ mitre: { technique: 'T1610' } });
  });

  it('detects a privileged pod and renders list fields like Falco', () => {
    const ev = event({ requestObject: { kind: 'Pod', spec: { containers: [{ name: 'c', image: 'evil/miner:1', securityContext: { privileged: true } }] } } });
    const [m] = engine.evaluate(ev);
    expect(m?.rule.name).toBe('Create Privileged Pod');
    expect(m?.output).toBe('Privileged pod (user=alice pod=web ns=default images=(evil/miner:1) cluster=prod)');
    expect(m?.outputFields['ka.req.pod.containers.image']).toBe('(evil/miner:1)');
  });

  it('lets a trusted image through and ignores unprivileged pods', () => {
    const trusted = event({ requestObject: { spec: { containers: [{ image: 'registry.k8s.io/kube-proxy:v1.29', securityContext: { privileged: true } }] } } });
    expect(engine.evaluate(trusted)).toEqual([]);
    expect(engine.evaluate(event({ requestObject: { spec: { containers: [{ image: 'nginx' }] } } }))).toEqual([]);
  });

  it('detects exec with the command from the query string, minus the exception', () => {
    const exec = event({ stage: 'ResponseStarted', requestURI: '/api/v1/namespaces/default/pods/web/exec?command=sh&stdin=true', objectRef: { resource: 'pods', namespace: 'default', name: 'web', subresource: 'exec' } });
    expect(engine.evaluate(exec).map((m) => m.output)).toEqual(['Exec (user=alice command=sh)']);
    expect(engine.evaluate({ ...exec, event: { ...exec.event, user: { username: 'sre-bot' } } })).toEqual([]);
  });

  it('detects an allowed anonymous request from the authorization annotation', () => {
    const anon = event({ verb: 'get', user: { username: 'system:anonymous' }, responseStatus: { code: 200 }, annotations: { 'authorization.k8s.io/decision': 'allow' } });
    expect(engine.evaluate(anon).map((m) => m.rule.name)).toEqual(['Anonymous Request Allowed']);
  });

  it('can use every registered field in a condition and in an output', () => {
    const problems: string[] = [];
    for (const f of fieldRegistry.all()) {
      const ref = f.arg?.required ? `${f.name}[${f.arg.kind === 'index' ? '0' : 'x'}]` : f.name;
      const res = loadRuleSources([{ file: 'f.yaml', text: `- rule: R\n  desc: d\n  condition: ${ref} exists\n  output: v=%${ref}\n  priority: INFO\n  source: k8s_audit\n` }], fieldRegistry);
      if (res.errors.length > 0) problems.push(res.errors[0]!.format());
      else new Engine(res.rules).evaluate(event({}));
    }
    expect(problems).toEqual([]);
  });
});
