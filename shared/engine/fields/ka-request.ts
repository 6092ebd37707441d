// ka.* fields about the request itself: identity, stage, authorization, user, verb, URI, client.

import { arrayAtPath, atPath, auditEvent, keyed, list, text } from './define.ts';
import { one, overItems } from './list.ts';
import { asArray, asString, own, toText } from './own.ts';
import { queryParam } from './query.ts';
import type { FieldDef } from './types.ts';

const annotation = (key: string) => atPath('annotations', key);

export const kaRequestFields: readonly FieldDef[] = [
  text('ka.auditid', 'The audit ID of the event (`auditID`), shared by every stage of one request.', atPath('auditID')),
  text(
    'ka.stage',
    'The stage that produced the event: RequestReceived, ResponseStarted, ResponseComplete or Panic.',
    atPath('stage'),
  ),
  text(
    'ka.auth.decision',
    'The authorizer\'s decision, `allow` or `forbid` (annotation `authorization.k8s.io/decision`).',
    annotation('authorization.k8s.io/decision'),
  ),
  text(
    'ka.auth.reason',
    'Why the authorizer decided so, e.g. the RBAC binding that allowed it (annotation `authorization.k8s.io/reason`).',
    annotation('authorization.k8s.io/reason'),
  ),
  text(
    'ka.auth.openshift.decision',
    'OpenShift only: the OAuth server\'s authentication decision, `allow`, `deny` or `error` (annotation `authentication.openshift.io/decision`).',
    annotation('authentication.openshift.io/decision'),
  ),
  text(
    'ka.auth.openshift.username',
    'OpenShift only: the user name the OAuth server authenticated (annotation `authentication.openshift.io/username`).',
    annotation('authentication.openshift.io/username'),
  ),
  text(
    'ka.validations.admission.policy.failure',
    'The failures a ValidatingAdmissionPolicy with the Audit action recorded, as the JSON list text of annotation `validation.policy.admission.k8s.io/validation_failure`.',
    annotation('validation.policy.admission.k8s.io/validation_failure'),
  ),
  text(
    'ka.security.pod.violations',
    'The Pod Security Standards violations recorded in audit mode (annotation `pod-security.kubernetes.io/audit-violations`).',
    annotation('pod-security.kubernetes.io/audit-violations'),
  ),
  text('ka.user.name', 'The authenticated user that made the request (`user.username`).', atPath('user', 'username')),
  list('ka.user.groups', 'The groups of the authenticated user (`user.groups`).', arrayAtPath('user', 'groups')),
  text(
    'ka.impuser.name',
    'The user being impersonated, when the request used impersonation (`impersonatedUser.username`).',
    atPath('impersonatedUser', 'username'),
  ),
  text('ka.verb', 'The verb: get, list, watch, create, update, patch, delete, … or the lower-case HTTP method of a non-resource request.', atPath('verb')),
  text('ka.uri', 'The request URI as the client sent it, query string included (`requestURI`).', atPath('requestURI')),
  keyed(
    'ka.uri.param',
    'The first value of query parameter `key` in the request URI, URL-decoded (`/exec?command=sh` gives `ka.uri.param[command]` = `sh`). ' +
      'Upstream drops the whole field when any pair is malformed (a `;`, a bad `%` escape); kadet skips only the malformed pair, so a junk parameter cannot hide another.',
    (ev, arg) => {
      const uri = asString(own(auditEvent(ev), 'requestURI'));
      return uri === undefined || arg === undefined ? undefined : queryParam(uri, arg);
    },
  ),
  text('ka.useragent', 'The User-Agent header of the client (`userAgent`).', atPath('userAgent')),
  list(
    'ka.sourceips',
    'The client IP addresses (`sourceIPs`, the first is the original client); `[n]` selects one. ' +
      'Upstream reads `requestObject.rules[].sourceIPs`, a path that never holds them; kadet reads the event\'s `sourceIPs`, as the field is documented.',
    (ev, arg) => overItems(asArray(own(auditEvent(ev), 'sourceIPs')), arg, (ip) => one(toText(ip))),
    true,
  ),
];
