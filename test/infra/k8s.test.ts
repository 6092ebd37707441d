import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readRuleTests } from '../../shared/cli/rule-fixtures.ts';
import type { AuditEvent, AuditLevel } from '../../shared/event/types.ts';
import { parseAuditEvent } from '../../shared/event/parse.ts';
import { attributesFromEvent, compareLevels, evaluatePolicy, lintPolicy, parsePolicy, type Policy, type RequestAttributes } from '../../shared/policy/index.ts';
import { DEFAULT_WEBHOOK_PATH } from '../../shared/webhook/route.ts';
import { WEBHOOK_ROUTE } from '../../infra/aws/lib/webhook-api.ts';

const root = join(import.meta.dirname, '../..');
const read = (p: string): string => readFileSync(join(root, p), 'utf8');
const POLICY_FILE = 'infra/k8s/audit-policy.yaml';
const policyText = read(POLICY_FILE);
const policy = parsePolicy(policyText, POLICY_FILE).policy;

/** What the shipped rules declare they need (`kadet: {level}`), by rule name. */
function ruleLevels(): Map<string, AuditLevel> {
  const levels = new Map<string, AuditLevel>();
  for (const f of readdirSync(join(root, 'rules')).filter((f) => f.endsWith('.yaml'))) {
    for (const item of (parse(read(`rules/${f}`)) ?? []) as { rule?: string; kadet?: { level?: AuditLevel } }[]) {
      if (item.rule !== undefined) levels.set(item.rule, item.kadet?.level ?? 'Metadata');
    }
  }
  return levels;
}

const ANY_REQUEST =
  'fires on any request by how it was made (user agent, token, source address, impersonation, identity); blind only on the routine traffic ' +
  "the None rules drop: health and discovery GETs, kubelets', kube-proxy's, CoreDNS's and the autoscaler's routine reads, lease renewals and event writes";
const ANY_DENIAL =
  'fires on a denial of any request; blind only on denials of the routine reads dropped above, which the node and RBAC authorizers grant those identities';

/**
 * The trade-offs of "minus noise": rules `kadet policy coverage` finds blind somewhere, and why that
 * is accepted. infra/k8s/README.md lists the same. A new rule that the policy blinds fails the
 * coverage test until it is either sighted (change the policy) or listed here (accept it).
 */
const ACCEPTED_BLIND: Readonly<Record<string, string>> = {
  'Long-Lived Token Secret Created': 'reads a created Secret\'s body; this policy never logs Secret bodies (they hold the values)',
  'Anonymous or Unauthenticated Request Denied': 'anonymous health-probe GETs are dropped, allowed or denied (kubeadm probes readiness once a second); 401s and all other anonymous requests are logged',
  'Node Modifies Another Node': 'lease writes by service accounts are dropped: an identity that is both a node and a service account would slip through',
  'Node Credential Denied': ANY_DENIAL,
  'Service Account Request Denied': ANY_DENIAL,
  'Impersonation of Privileged Identity': ANY_REQUEST,
  'Request Made Through Impersonation': ANY_REQUEST,
  'Offensive Tool User Agent': ANY_REQUEST,
  'Legacy Service Account Token Used': ANY_REQUEST,
  'Service Account Token Used From Public Address': ANY_REQUEST,
  'Cloud Admin Credential Used': ANY_REQUEST,
  'API Request From Scripting Client': ANY_REQUEST,
  'Node or Control-Plane Credential Used by a Client Tool': ANY_REQUEST,
};

/** Rules whose positive fixtures this policy does not log as their rule declares, on purpose. */
const NOT_COVERED: Readonly<Record<string, string>> = {
  'Long-Lived Token Secret Created': ACCEPTED_BLIND['Long-Lived Token Secret Created']!,
};

const fixtureEvents = async (): Promise<{ rule: string; name: string; event: AuditEvent }[]> => {
  const dir = join(root, 'rules/tests');
  const cases = await readRuleTests(readdirSync(dir).filter((f) => f.endsWith('.tests.yaml')).map((f) => join(dir, f)));
  return cases.filter((c) => c.expect === 'match').map((c) => ({ rule: c.rule, name: c.name, event: parseAuditEvent(c.event) }));
};
const fixtures = await fixtureEvents();

const request = (over: Partial<RequestAttributes>): RequestAttributes => ({ user: 'alice@example.com', groups: ['system:authenticated'], verb: 'get', isResourceRequest: true, apiGroup: '', namespace: 'default', ...over });
const level = (p: Policy, over: Partial<RequestAttributes>): AuditLevel => evaluatePolicy(p, request(over)).level;

const ANONYMOUS = { user: 'system:anonymous', groups: ['system:unauthenticated'] };
const NO_USER = { user: undefined, groups: [] };
const PEOPLE_AND_MACHINES = [
  { user: 'alice@example.com', groups: ['system:authenticated'] },
  { user: 'system:kube-controller-manager', groups: ['system:authenticated'] },
  { user: 'system:node:worker-1', groups: ['system:nodes', 'system:authenticated'] },
  { user: 'system:serviceaccount:kube-system:replicaset-controller', groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'] },
  ANONYMOUS,
  NO_USER,
];
const VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];

describe('infra/k8s/audit-policy.yaml', () => {
  it('passes kadet policy lint with no errors and no warnings', () => {
    expect(lintPolicy(policyText, POLICY_FILE)).toEqual([]);
  });

  it('logs every rule fixture at the level its rule declares, in a stage it keeps', () => {
    const need = ruleLevels();
    const short = fixtures
      .filter((f) => NOT_COVERED[f.rule] === undefined)
      .flatMap((f) => {
        const d = evaluatePolicy(policy, attributesFromEvent(f.event));
        const ok = compareLevels(d.level, need.get(f.rule) ?? 'Metadata') >= 0 && !d.omitStages.includes(f.event.stage);
        return ok ? [] : [`${f.rule} — ${f.name}: ${d.level} (rule ${d.ruleIndex}), stage ${f.event.stage}; needs ${need.get(f.rule)}`];
      });
    expect(fixtures.length).toBeGreaterThan(100);
    expect(short).toEqual([]);
  });

  it('lists only rules that exist as deliberately not covered', () => {
    const names = new Set(ruleLevels().keys());
    expect(Object.keys(NOT_COVERED).filter((r) => !names.has(r))).toEqual([]);
    expect(Object.keys(ACCEPTED_BLIND).filter((r) => !names.has(r))).toEqual([]);
  });

  it('passes `kadet policy coverage`: every rule sighted, but for the accepted trade-offs, each of which is really blind', () => {
    const accept = Object.keys(ACCEPTED_BLIND).flatMap((r) => ['--accept-blind', r]);
    const p = spawnSync(process.execPath, [join(root, 'shared/cli/kadet.js'), 'policy', 'coverage', join(root, POLICY_FILE), '--format', 'json', ...accept], { encoding: 'utf8', timeout: 120_000 });
    const report = JSON.parse(p.stdout) as { blind: number; rules: { rule: string; verdict: string; request?: string; accepted?: unknown }[] };
    const unaccepted = report.rules.filter((r) => r.verdict === 'blind' && ACCEPTED_BLIND[r.rule] === undefined).map((r) => `${r.rule}: ${r.request}`);
    expect(unaccepted).toEqual([]);
    expect(report.blind).toBe(0);
    expect(p.status).toBe(0);
    const blind = new Set(report.rules.filter((r) => r.verdict === 'blind').map((r) => r.rule));
    expect(Object.keys(ACCEPTED_BLIND).filter((r) => !blind.has(r))).toEqual([]);
  }, 120_000);

  it('never logs a Secret or a TokenReview body, whoever asks and however', () => {
    for (const who of PEOPLE_AND_MACHINES) {
      for (const verb of VERBS) {
        expect(['None', 'Metadata']).toContain(level(policy, { ...who, verb, resource: 'secrets' }));
        expect(['None', 'Metadata']).toContain(level(policy, { ...who, verb, resource: 'tokenreviews', apiGroup: 'authentication.k8s.io', namespace: '' }));
      }
    }
  });

  it('never logs a response body', () => {
    expect(policy.rules.map((r) => r.level)).not.toContain('RequestResponse');
  });

  it('always logs requests without valid credentials, whatever they ask for', () => {
    const targets: Partial<RequestAttributes>[] = [
      { isResourceRequest: false, path: '/healthz', namespace: '' },
      { isResourceRequest: false, path: '/version', namespace: '' },
      { isResourceRequest: false, path: '/api', namespace: '' },
      { resource: 'leases', apiGroup: 'coordination.k8s.io', namespace: 'kube-node-lease' },
      { resource: 'events' },
      { resource: 'nodes', namespace: '' },
      { resource: 'secrets' },
    ];
    for (const who of [ANONYMOUS, NO_USER]) {
      for (const t of targets) {
        for (const verb of ['get', 'list', 'create', 'update']) {
          const got = level(policy, { ...who, verb, ...t });
          // A failed login carries no user; anonymous health-probe GETs are the one thing dropped.
          if (who === ANONYMOUS && t.path === '/healthz' && verb === 'get') expect(got).toBe('None');
          else expect(got, `${who.user ?? 'no user'} ${verb} ${t.path ?? t.resource}`).not.toBe('None');
        }
      }
    }
  });

  it('drops the noise: probes, discovery, leader election, events, kubelet status, kube-proxy and autoscaler polling', () => {
    const system = { user: 'system:kube-controller-manager', groups: ['system:authenticated'] };
    const node = { user: 'system:node:worker-1', groups: ['system:nodes', 'system:authenticated'] };
    const dropped: Partial<RequestAttributes>[] = [
      { isResourceRequest: false, path: '/readyz', namespace: '' },
      { isResourceRequest: false, path: '/apis/apps/v1', namespace: '' },
      { ...system, verb: 'update', resource: 'leases', apiGroup: 'coordination.k8s.io', namespace: 'kube-system', name: 'kube-controller-manager' },
      { verb: 'create', resource: 'events' },
      { ...node, verb: 'patch', resource: 'pods', subresource: 'status', name: 'web-1' },
      { ...node, verb: 'get', resource: 'nodes', namespace: '', name: 'worker-1' },
      { user: 'system:kube-proxy', groups: ['system:authenticated'], verb: 'watch', resource: 'endpointslices', apiGroup: 'discovery.k8s.io' },
    ];
    for (const d of dropped) expect(level(policy, d), JSON.stringify(d)).toBe('None');
    // …but not what a rule reads: deleting events, a node touching node objects, a person's reads.
    expect(level(policy, { verb: 'delete', resource: 'events', name: 'x' })).toBe('Metadata');
    expect(level(policy, { ...node, verb: 'update', resource: 'leases', apiGroup: 'coordination.k8s.io', namespace: 'kube-node-lease', name: 'worker-2' })).toBe('Metadata');
    expect(level(policy, { ...node, verb: 'patch', resource: 'nodes', subresource: 'status', namespace: '', name: 'worker-2' })).toBe('Metadata');
    expect(level(policy, { verb: 'list', resource: 'pods' })).toBe('Metadata');
    // The control plane's own reads stay: a stolen controller-manager credential reads the same way.
    expect(level(policy, { ...system, verb: 'list', resource: 'secrets', namespace: '' })).toBe('Metadata');
    expect(level(policy, { user: 'system:serviceaccount:kube-system:horizontal-pod-autoscaler', groups: ['system:serviceaccounts'], verb: 'get', resource: 'pods', apiGroup: 'metrics.k8s.io' })).toBe('None');
  });

  it('logs sessions into pods and nodes whoever opens them, keeping ResponseStarted (they open there) and dropping RequestReceived', () => {
    for (const who of PEOPLE_AND_MACHINES.filter((w) => w.user !== undefined)) {
      for (const verb of ['get', 'create']) {
        expect(level(policy, { ...who, verb, resource: 'pods', subresource: 'exec', name: 'web-1' })).toBe('Request');
        expect(level(policy, { ...who, verb, resource: 'nodes', subresource: 'proxy', name: 'worker-1', namespace: '' })).toBe('Metadata');
      }
    }
    const d = evaluatePolicy(policy, request({ verb: 'create', resource: 'pods', subresource: 'portforward', name: 'web-1' }));
    expect(d.level).toBe('Metadata');
    expect(d.omitStages).toEqual(['RequestReceived']);
    expect(d.omitManagedFields).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// The apiserver's side: flags, mounts, webhook kubeconfig
// ---------------------------------------------------------------------------------------------

interface Mount {
  name: string;
  mountPath: string;
  readOnly?: boolean;
}

const FILE_FLAGS = { 'audit-policy-file': 'config', 'audit-webhook-config-file': 'config', 'audit-log-path': 'log' } as const;

/** `--name=value` flags as a map. */
function flagMap(command: readonly string[]): Map<string, string> {
  return new Map(command.filter((c) => c.startsWith('--')).map((c) => [c.slice(2, c.indexOf('=')), c.slice(c.indexOf('=') + 1)] as const));
}

/** The mount a path lives under (longest mountPath prefix). */
function mountFor(mounts: readonly Mount[], path: string): Mount | undefined {
  return [...mounts].filter((m) => path.startsWith(`${m.mountPath}/`)).sort((a, b) => b.mountPath.length - a.mountPath.length)[0];
}

describe('infra/k8s: kube-apiserver flags and mounts', () => {
  const pod = parse(read('infra/k8s/kube-apiserver-audit.yaml')) as {
    spec: { containers: { command: string[]; volumeMounts: Mount[] }[]; volumes: { name: string; hostPath: { path: string; type: string } }[] };
  };
  const container = pod.spec.containers[0]!;
  const flags = flagMap(container.command);
  const kubeadm = parse(read('infra/k8s/kubeadm-audit.yaml')) as {
    apiServer: { extraArgs: { name: string; value: string }[]; extraVolumes: { name: string; hostPath: string; mountPath: string; readOnly: boolean; pathType: string }[] };
  };

  it('configures both backends with one policy file', () => {
    expect(flags.get('audit-policy-file')).toBe('/etc/kubernetes/audit/policy.yaml');
    expect(flags.get('audit-log-format')).toBe('json');
    expect(flags.get('audit-webhook-mode')).toBe('batch');
  });

  it('puts every file flag under a mount: config read-only, the log directory writable', () => {
    for (const [flag, kind] of Object.entries(FILE_FLAGS)) {
      const m = mountFor(container.volumeMounts, flags.get(flag)!);
      expect(m, flag).toBeDefined();
      expect(m!.readOnly === true, flag).toBe(kind === 'config');
    }
  });

  it('backs every mount with a hostPath volume at the same path', () => {
    for (const m of container.volumeMounts) {
      const v = pod.spec.volumes.find((x) => x.name === m.name);
      expect(v?.hostPath.path, m.name).toBe(m.mountPath);
    }
    expect(pod.spec.volumes.map((v) => v.hostPath.type)).toEqual(['Directory', 'DirectoryOrCreate']);
  });

  it('keeps a webhook batch under what the Lambda receiver takes (6 MB, JSON-escaped into the event)', async () => {
    const { LAMBDA_MAX_BODY_BYTES } = await import('../../functions/onprem-webhook/handler.ts');
    expect(flags.get('audit-webhook-truncate-enabled')).toBe('true');
    const batch = Number(flags.get('audit-webhook-truncate-max-batch-size'));
    expect(batch * 1.25).toBeLessThan(LAMBDA_MAX_BODY_BYTES);
    expect(Number(flags.get('audit-webhook-truncate-max-event-size'))).toBeLessThan(batch);
  });

  it('kubeadm-audit.yaml sets the same flags and mounts', () => {
    expect(new Map(kubeadm.apiServer.extraArgs.map((a) => [a.name, a.value]))).toEqual(flags);
    const asMounts = kubeadm.apiServer.extraVolumes.map((v) => ({ name: v.name, mountPath: v.mountPath, readOnly: v.readOnly }));
    expect(asMounts).toEqual(container.volumeMounts);
    for (const v of kubeadm.apiServer.extraVolumes) expect(v.hostPath).toBe(v.mountPath);
  });
});

/** envsubst for ${NAME} and Jinja for {{ name }}: just enough to render the templates here. */
const render = (text: string, values: Record<string, string>): string =>
  text.replace(/\$\{(\w+)\}|\{\{\s*(\w+)\s*\}\}/g, (_m, a?: string, b?: string) => values[(a ?? b)!] ?? `<unset ${a ?? b}>`);

interface Kubeconfig {
  clusters: { name: string; cluster: { server: string } }[];
  users: { name: string; user: { token: string } }[];
  contexts: { name: string; context: { cluster: string; user: string } }[];
  'current-context': string;
}

describe('infra/k8s/audit-webhook.kubeconfig', () => {
  const url = 'https://abc123.execute-api.eu-west-1.amazonaws.com/k8s-audit/prod';
  const token = 'Zq3ExampleTokenExampleTokenExampleTokenExample12';
  const envsubst = parse(render(read('infra/k8s/audit-webhook.kubeconfig'), { KADET_WEBHOOK_URL: url, KADET_WEBHOOK_TOKEN: token })) as Kubeconfig;

  it('sends the bearer token to the URL, through the current context', () => {
    const ctx = envsubst.contexts.find((c) => c.name === envsubst['current-context'])!;
    expect(envsubst.clusters.find((c) => c.name === ctx.context.cluster)!.cluster.server).toBe(url);
    expect(envsubst.users.find((u) => u.name === ctx.context.user)!.user.token).toBe(token);
  });

  it('points at the route the HTTP API and kadet serve answer', () => {
    const route = new RegExp(`^${WEBHOOK_ROUTE.replace('{cluster}', '[A-Za-z0-9._-]+')}$`);
    expect(new URL(url).pathname).toMatch(route);
    expect(WEBHOOK_ROUTE.startsWith(`${DEFAULT_WEBHOOK_PATH}/`)).toBe(true);
  });

  it('is what kubespray’s kadet-webhook.yml installs', () => {
    const jinja = parse(render(read('infra/kubespray/templates/kadet-webhook.kubeconfig.j2'), { kadet_webhook_url: url, kadet_webhook_token: token })) as Kubeconfig;
    expect(jinja).toEqual(envsubst);
  });
});

// ---------------------------------------------------------------------------------------------
// kubespray
// ---------------------------------------------------------------------------------------------

/**
 * kubespray's control-plane variables this folder may set (roles/kubernetes/control-plane/defaults/
 * main/main.yml, v2.27–v2.31); a misspelt one would be ignored silently.
 */
const KUBESPRAY_VARIABLES = new Set([
  'kubernetes_audit',
  'audit_log_path',
  'audit_log_maxage',
  'audit_log_maxbackups',
  'audit_log_maxsize',
  'audit_policy_file',
  'audit_policy_custom_rules',
  'audit_log_name',
  'audit_log_hostpath',
  'audit_log_mountpath',
  'audit_policy_name',
  'audit_policy_hostpath',
  'audit_policy_mountpath',
  'kubernetes_audit_webhook',
  'audit_webhook_config_file',
  'audit_webhook_server_url',
  'audit_webhook_server_extra_args',
  'audit_webhook_mode',
  'audit_webhook_batch_max_size',
  'audit_webhook_batch_max_wait',
  'kube_kubeadm_apiserver_extra_args',
]);

describe('infra/kubespray/group_vars/k8s_cluster/kadet-audit.yml', () => {
  const vars = parse(read('infra/kubespray/group_vars/k8s_cluster/kadet-audit.yml')) as Record<string, unknown>;
  const rendered = `apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n${String(vars['audit_policy_custom_rules'])
    .split('\n')
    .map((l) => (l === '' ? l : `  ${l}`))
    .join('\n')}`;
  const kubesprayPolicy = parsePolicy(rendered, 'apiserver-audit-policy.yaml').policy;

  it('sets only kubespray variables that exist, and its own kadet_* ones', () => {
    expect(Object.keys(vars).filter((k) => !KUBESPRAY_VARIABLES.has(k) && !k.startsWith('kadet_'))).toEqual([]);
    expect(vars['kubernetes_audit']).toBe(true);
  });

  it('renders (as kubespray’s template wraps it) to a policy that lints clean', () => {
    expect(lintPolicy(rendered, 'apiserver-audit-policy.yaml')).toEqual([]);
  });

  it('decides every request exactly as infra/k8s/audit-policy.yaml does', () => {
    const requests: RequestAttributes[] = fixtures.map((f) => attributesFromEvent(f.event));
    const resources = [
      ['', 'pods', ''], ['', 'pods', 'exec'], ['', 'pods', 'status'], ['', 'secrets', ''], ['', 'configmaps', ''], ['', 'events', ''], ['', 'nodes', 'status'],
      ['coordination.k8s.io', 'leases', ''], ['rbac.authorization.k8s.io', 'clusterrolebindings', ''], ['apps', 'deployments', ''], ['authentication.k8s.io', 'tokenreviews', ''],
    ];
    for (const who of PEOPLE_AND_MACHINES) {
      for (const verb of VERBS) {
        for (const [apiGroup, resource, subresource] of resources) requests.push(request({ ...who, verb, apiGroup, resource, subresource }));
        for (const path of ['/healthz', '/livez/ping', '/api/v1', '/version', '/metrics', '/logs']) requests.push(request({ ...who, verb, isResourceRequest: false, path, namespace: '' }));
      }
    }
    for (const r of requests) {
      const a = evaluatePolicy(policy, r);
      const b = evaluatePolicy(kubesprayPolicy, r);
      expect(b.level, JSON.stringify(r)).toBe(a.level);
      if (a.level !== 'None') expect({ stages: b.omitStages, managed: b.omitManagedFields }).toEqual({ stages: a.omitStages, managed: a.omitManagedFields });
    }
  });

  it('keeps the policy in the folder kubespray mounts, and the webhook kubeconfig beside it', () => {
    const dir = String(vars['kadet_audit_dir']);
    expect(dirname(String(vars['audit_policy_file']).replace('{{ kadet_audit_dir }}', dir))).toBe(dir);
    expect(String(vars['kadet_webhook_kubeconfig']).replace('{{ kadet_audit_dir }}', dir)).toBe(`${dir}/kadet-webhook.kubeconfig`);
    expect(vars['kubernetes_audit_webhook']).toBe(false);
  });

  it('passes the same webhook flags as infra/k8s, pointing at kadet’s kubeconfig', () => {
    const extra = vars['kube_kubeadm_apiserver_extra_args'] as Record<string, string>;
    const pod = parse(read('infra/k8s/kube-apiserver-audit.yaml')) as { spec: { containers: { command: string[] }[] } };
    const webhookFlags = [...flagMap(pod.spec.containers[0]!.command)].filter(([k]) => k.startsWith('audit-webhook-') && k !== 'audit-webhook-config-file');
    expect(Object.entries(extra).filter(([k]) => k !== 'audit-webhook-config-file')).toEqual(webhookFlags);
    expect(extra['audit-webhook-config-file']).toBe('{{ kadet_webhook_kubeconfig }}');
  });

  it('installs the kubeconfig from kadet-webhook.yml with the token kept out of logs', () => {
    const [play] = parse(read('infra/kubespray/kadet-webhook.yml')) as { hosts: string; tasks: Record<string, unknown>[] }[];
    expect(play!.hosts).toBe('kube_control_plane');
    const template = play!.tasks.find((t) => 'ansible.builtin.template' in t)!;
    expect(template['ansible.builtin.template']).toMatchObject({ src: 'templates/kadet-webhook.kubeconfig.j2', dest: '{{ kadet_webhook_kubeconfig }}', mode: '0600' });
    expect(template['no_log']).toBe(true);
  });
});
