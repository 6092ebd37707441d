import type { AuditEvent } from '../../shared/event/types.ts';
import { sampleEvent } from '../helpers/events.ts';
import { ruleYaml } from './rules-helper.ts';

/** A four-event log: a secret read, a kubelet read, a privileged pod create recorded with bodies, a RequestReceived. */
export function tinyLog(): AuditEvent[] {
  const secretRead = sampleEvent();
  const kubelet = sampleEvent();
  kubelet.user = { username: 'system:node:n1', groups: ['system:nodes', 'system:authenticated'] };
  kubelet.objectRef = { resource: 'configmaps', namespace: 'prod', name: 'app', apiVersion: 'v1' };
  kubelet.requestURI = '/api/v1/namespaces/prod/configmaps/app';
  const create = sampleEvent();
  Object.assign(create, { verb: 'create', level: 'RequestResponse', requestURI: '/api/v1/namespaces/prod/pods' });
  create.user = { username: 'ci', groups: ['system:authenticated'] };
  create.objectRef = { resource: 'pods', namespace: 'prod', apiVersion: 'v1' };
  const pod = { kind: 'Pod', metadata: { name: 'x', managedFields: [{ manager: 'kubectl' }] }, spec: { containers: [{ name: 'c', image: 'busybox', securityContext: { privileged: true } }] } };
  create.requestObject = pod;
  create.responseObject = { ...pod, status: { phase: 'Pending' } };
  const received = structuredClone(secretRead);
  received.stage = 'RequestReceived';
  return [secretRead, kubelet, create, received];
}

/** The policy for the tiny log: secrets at None, pod creates at Request, the rest Metadata. */
export const TINY_POLICY = {
  rules: [
    { level: 'None', resources: [{ group: '', resources: ['secrets'] }] },
    { level: 'Request', verbs: ['create'], resources: [{ group: '', resources: ['pods'] }] },
    { level: 'Metadata' },
  ],
  extra: { omitStages: ['RequestReceived'] },
};

/** Rules that fire on the tiny log: one per level the policy treats differently. */
export const TINY_RULES = [
  ruleYaml('Secret Read', 'ka.stage = ResponseComplete and ka.target.resource = secrets and ka.verb = get'),
  ruleYaml('Privileged Pod', 'ka.verb = create and ka.target.resource = pods and ka.req.pod.containers.privileged intersects (true)'),
  ruleYaml('Pod Named in Response', 'ka.verb = create and ka.resp.name = x'),
  ruleYaml('Kubelet Read', 'ka.stage = ResponseComplete and ka.user.name startswith "system:node:"'),
].join('');
