import { describe, expect, it } from 'vitest';
import { FIELD_GROUPS, fieldRegistry } from '../../../shared/engine/fields/index.ts';
import { renderFieldTable } from '../../../shared/engine/fields/markdown.ts';
import { CONTAINER_KINDS } from '../../../shared/engine/fields/pod.ts';
import type { CanonicalEvent } from '../../../shared/event/types.ts';

const names = fieldRegistry.all().map((d) => d.name);

/** Falco k8saudit's field set in its latest version (plugin README), per-container lists aside. */
const UPSTREAM_BASE = [
  'ka.auditid', 'ka.stage', 'ka.auth.decision', 'ka.auth.reason', 'ka.auth.openshift.decision',
  'ka.validations.admission.policy.failure', 'ka.security.pod.violations', 'ka.auth.openshift.username',
  'ka.user.name', 'ka.user.groups', 'ka.impuser.name', 'ka.verb', 'ka.uri', 'ka.uri.param',
  'ka.target.name', 'ka.target.namespace', 'ka.target.resource', 'ka.target.subresource', 'ka.target.pod.name',
  'ka.req.binding.subjects', 'ka.req.binding.subjects.user_names', 'ka.req.binding.subjects.serviceaccount_names',
  'ka.req.binding.subjects.serviceaccount_ns_names', 'ka.req.binding.subjects.group_names', 'ka.req.binding.role',
  'ka.req.binding.subject.has_name', 'ka.req.configmap.name', 'ka.req.configmap.obj',
  'ka.req.container.image', 'ka.req.container.image.repository', 'ka.req.pod.host_ipc', 'ka.req.pod.host_network',
  'ka.req.container.host_network', 'ka.req.pod.host_pid', 'ka.req.container.privileged', 'ka.req.pod.run_as_user',
  'ka.req.pod.run_as_group', 'ka.req.role.rules', 'ka.req.role.rules.apiGroups', 'ka.req.role.rules.nonResourceURLs',
  'ka.req.role.rules.verbs', 'ka.req.role.rules.resources', 'ka.req.pod.fs_group', 'ka.req.pod.supplemental_groups',
  'ka.req.service.type', 'ka.req.service.ports', 'ka.req.pod.volumes.hostpath', 'ka.req.volume.hostpath',
  'ka.req.pod.volumes.flexvolume_driver', 'ka.req.pod.volumes.volume_type', 'ka.resp.name', 'ka.response.code',
  'ka.response.reason', 'ka.useragent', 'ka.sourceips', 'ka.cluster.name',
];
const PER_CONTAINER = [
  'name', 'image', 'image.repository', 'command', 'args', 'privileged', 'allow_privilege_escalation', 'read_only_fs',
  'run_as_user', 'eff_run_as_user', 'run_as_group', 'eff_run_as_group', 'proc_mount', 'add_capabilities', 'host_port',
];

describe('field registry', () => {
  it('has every upstream ka.* field, per container list included', () => {
    const expected = [...UPSTREAM_BASE, ...CONTAINER_KINDS.flatMap((k) => PER_CONTAINER.map((a) => `ka.req.pod.${k}.${a}`))];
    expect(names.filter((n) => n.startsWith('ka.')).sort()).toEqual([...expected].sort());
  });

  it('has the jevt and kadet fields', () => {
    expect(names.filter((n) => !n.startsWith('ka.'))).toEqual([
      'jevt.value', 'jevt.obj', 'jevt.rawtime', 'jevt.time', 'jevt.time.iso8601',
      'kadet.provider', 'kadet.cluster', 'kadet.account', 'kadet.region', 'kadet.resource_group', 'kadet.level', 'kadet.source',
    ]);
  });

  it('lists each field once, in group order', () => {
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual([...FIELD_GROUPS.values()].flat().map((d) => d.name));
  });

  it('declares every field a string, as upstream does', () => {
    expect(fieldRegistry.all().every((d) => d.type === 'string')).toBe(true);
  });

  it('gives every field a description of a sentence or more', () => {
    for (const d of fieldRegistry.all()) expect(d.doc.length, d.name).toBeGreaterThan(30);
  });

  it('takes index arguments only on list fields, and keys where upstream requires one', () => {
    for (const d of fieldRegistry.all()) {
      if (d.arg?.kind === 'index') expect(d.isList, d.name).toBe(true);
    }
    const keyed = fieldRegistry.all().filter((d) => d.arg?.kind === 'key').map((d) => d.name);
    expect(keyed.sort()).toEqual(['jevt.value', 'ka.req.binding.subject.has_name', 'ka.req.volume.hostpath', 'ka.uri.param']);
    expect(fieldRegistry.all().filter((d) => d.arg?.kind === 'key').every((d) => d.arg?.required)).toBe(true);
  });

  it('takes no argument on the list fields upstream does not index', () => {
    for (const name of ['ka.user.groups', 'ka.req.binding.subjects', 'ka.req.role.rules', 'ka.req.pod.supplemental_groups']) {
      expect(fieldRegistry.get(name)?.arg, name).toBeUndefined();
    }
  });

  it('answers undefined for an unknown name', () => {
    expect(fieldRegistry.get('ka.nope')).toBeUndefined();
    expect(fieldRegistry.get('constructor')).toBeUndefined();
  });

  it('contains any exception an extractor meets, whatever the event', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('trap'); }, has: () => { throw new Error('trap'); }, getOwnPropertyDescriptor: () => { throw new Error('trap'); } });
    const ev = { event: hostile, origin: hostile } as unknown as CanonicalEvent;
    for (const d of fieldRegistry.all()) expect(() => d.extract(ev, d.arg ? '0' : undefined), d.name).not.toThrow();
  });

  it('hands out frozen definitions', () => {
    const def = fieldRegistry.get('ka.verb');
    expect(Object.isFrozen(def)).toBe(true);
  });
});

describe('renderFieldTable', () => {
  const table = renderFieldTable(fieldRegistry);
  const lines = table.trimEnd().split('\n');

  it('renders a header and one row per field', () => {
    expect(lines[0]).toBe('| Name | Type | List | Arg | Description |');
    expect(lines).toHaveLength(fieldRegistry.all().length + 2);
  });

  it('shows list and argument columns', () => {
    expect(lines.find((l) => l.startsWith('| `ka.req.pod.containers.image` |'))).toMatch(/^\| `ka.req.pod.containers.image` \| string \| yes \| index \(optional\) \|/);
    expect(lines.find((l) => l.startsWith('| `ka.uri.param` |'))).toContain('| string |  | key (required) |');
  });

  it('keeps each row on one line with five cells', () => {
    for (const line of lines.slice(2)) expect(line.split(/(?<!\\)\|/).length, line).toBe(7);
  });
});
