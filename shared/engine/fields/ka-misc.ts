// ka.* fields about the target object, configmaps, services, the response and the cluster.

import { atPath, auditEvent, list, text } from './define.ts';
import { one, overItems } from './list.ts';
import { asArray, asString, own, ownPath, toText } from './own.ts';
import type { FieldDef } from './types.ts';

export const kaMiscFields: readonly FieldDef[] = [
  text('ka.target.name', 'The name of the object acted on (`objectRef.name`); absent for lists and generateName creates.', atPath('objectRef', 'name')),
  text('ka.target.namespace', 'The namespace of the object acted on (`objectRef.namespace`).', atPath('objectRef', 'namespace')),
  text('ka.target.resource', 'The resource acted on, plural and lower-case: pods, secrets, clusterrolebindings, … (`objectRef.resource`).', atPath('objectRef', 'resource')),
  text('ka.target.subresource', 'The subresource acted on: exec, attach, log, status, ephemeralcontainers, … (`objectRef.subresource`).', atPath('objectRef', 'subresource')),
  text(
    'ka.target.pod.name',
    'When the object acted on is a pod (`objectRef.resource` = pods, any subresource), its name: `objectRef.name`, or for a create that used generateName, `responseObject.metadata.name`. ' +
      'The upstream source of this field could not be consulted; this is kadet\'s reading of "the target pod name".',
    (ev) => {
      const event = auditEvent(ev);
      if (asString(ownPath(event, 'objectRef', 'resource')) !== 'pods') return undefined;
      return toText(ownPath(event, 'objectRef', 'name')) ?? toText(ownPath(event, 'responseObject', 'metadata', 'name'));
    },
  ),
  text('ka.req.configmap.name', 'The name of the object acted on (`objectRef.name`), meant for configmap requests.', atPath('objectRef', 'name')),
  text(
    'ka.req.configmap.obj',
    'The `data` of the request object as compact JSON text, meant for configmap requests (search it with `contains`).',
    atPath('requestObject', 'data'),
  ),
  text('ka.req.service.type', 'The `spec.type` of the request object, meant for services: ClusterIP, NodePort, LoadBalancer, ExternalName.', atPath('requestObject', 'spec', 'type')),
  list(
    'ka.req.service.ports',
    'Each entry of the request object\'s `spec.ports` as compact JSON text, meant for services; `[n]` selects one port. ' +
      'Upstream (since it moved to recursive extraction) returns the whole array as a single JSON text and ignores the index; kadet returns one value per port, as Falco\'s original implementation did.',
    (ev, arg) => overItems(asArray(ownPath(auditEvent(ev), 'requestObject', 'spec', 'ports')), arg, (port) => one(toText(port))),
    true,
  ),
  text('ka.resp.name', 'The name of the object in the response (`responseObject.metadata.name`), e.g. the generated name of a created pod.', atPath('responseObject', 'metadata', 'name')),
  text('ka.response.code', 'The HTTP status code of the response as a decimal string (`responseStatus.code`), e.g. `201`.', atPath('responseStatus', 'code')),
  text('ka.response.reason', 'The machine-readable reason of a failed response, e.g. Forbidden, NotFound (`responseStatus.reason`).', atPath('responseStatus', 'reason')),
  text(
    'ka.cluster.name',
    'The name of the cluster the event came from, as the adapter identified it (`origin.cluster`, the same as kadet.cluster). ' +
      'The upstream source of this value could not be consulted; audit events themselves do not name their cluster.',
    (ev) => asString(own(own(ev, 'origin'), 'cluster')),
  ),
];
