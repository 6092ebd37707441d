// ka.req.pod.*, ka.req.container.* and ka.req.volume.*: the PodSpec in the request object.
//
// Per-container fields exist once per container list (containers, initContainers,
// ephemeralContainers): one entry of CONTAINER_ATTRS below yields all three fields.

import type { CanonicalEvent } from '../../event/types.ts';
import { keyed, list, text } from './define.ts';
import { imageRepository } from './image.ts';
import { itemValue, listValue, one, overItems } from './list.ts';
import { asArray, asString, isRecord, own, ownPath, toText } from './own.ts';
import { CONTAINER_KINDS, podView, type ContainerKind, type PodView } from './pod.ts';
import type { FieldDef, FieldValue, Scalar } from './types.ts';

/** One per-container attribute: its field suffix, how to describe it, how to read it. */
interface ContainerAttr {
  suffix: string;
  /** What the field holds, completing "When the request object is a pod, …". */
  what: (label: string) => string;
  /** A container may yield several values (a command line, capabilities, ports). */
  multi?: boolean;
  /** Containers lacking the value are skipped (list positions then differ from container positions). */
  sparse?: boolean;
  /** Where and why kadet differs from upstream, if it does. */
  note?: string;
  values: (container: Record<string, unknown>, pod: PodView) => readonly Scalar[];
}

const sc = (c: unknown, key: string): unknown => ownPath(c, 'securityContext', key);

function texts(v: unknown): readonly Scalar[] {
  const out: Scalar[] = [];
  for (const item of asArray(v) ?? []) {
    const t = toText(item);
    if (t !== undefined) out.push(t);
  }
  return out;
}

/** The uid/gid a container starts with: its own setting, else the pod's, else 0. */
const effective = (key: string) => (c: Record<string, unknown>, pod: PodView) =>
  one(toText(sc(c, key)) ?? toText(own(pod.securityContext, key)) ?? '0');

const EFF_NOTE =
  'Upstream reads `spec.KEY` and `containers[].KEY` (no securityContext), so it returns 0 for every container; ' +
  'kadet reads the securityContext paths, which is what the field documents and what Falco\'s original implementation did.';

const CONTAINER_ATTRS: readonly ContainerAttr[] = [
  { suffix: 'name', what: (l) => `the names of its ${l}`, values: (c) => one(toText(own(c, 'name'))) },
  {
    suffix: 'image',
    what: (l) => `the images of its ${l}, as written (\`registry/repo:tag@digest\`)`,
    sparse: true,
    note: 'Upstream fails the whole field when any container lacks an image.',
    values: (c) => one(toText(own(c, 'image'))),
  },
  {
    suffix: 'image.repository',
    what: (l) => `the repositories of the images of its ${l}: the image without tag and digest, registry kept (\`quay.io/org/app\`)`,
    sparse: true,
    note: 'Upstream cuts the image at its first `:`, so `registry:5000/app:1` gives `registry`; kadet strips only a tag after the last `/` and gives `registry:5000/app`. Images without a registry port read the same.',
    values: (c) => {
      const image = asString(own(c, 'image'));
      return image === undefined ? [] : [imageRepository(image)];
    },
  },
  {
    suffix: 'command',
    what: (l) => `the \`command\` words of its ${l}, flattened`,
    multi: true,
    note: 'Upstream\'s exact rendering of these arrays could not be consulted; kadet yields one value per word.',
    values: (c) => texts(own(c, 'command')),
  },
  {
    suffix: 'args',
    what: (l) => `the \`args\` words of its ${l}, flattened`,
    multi: true,
    note: 'Upstream\'s exact rendering of these arrays could not be consulted; kadet yields one value per word.',
    values: (c) => texts(own(c, 'args')),
  },
  {
    suffix: 'privileged',
    what: (l) => `\`securityContext.privileged\` (\`true\`/\`false\`) of its ${l}`,
    sparse: true,
    values: (c) => one(toText(sc(c, 'privileged'))),
  },
  {
    suffix: 'allow_privilege_escalation',
    what: (l) => `\`securityContext.allowPrivilegeEscalation\` (\`true\`/\`false\`) of its ${l}`,
    sparse: true,
    values: (c) => one(toText(sc(c, 'allowPrivilegeEscalation'))),
  },
  {
    suffix: 'read_only_fs',
    what: (l) => `\`securityContext.readOnlyRootFilesystem\` (\`true\`/\`false\`) of its ${l}`,
    sparse: true,
    values: (c) => one(toText(sc(c, 'readOnlyRootFilesystem'))),
  },
  {
    suffix: 'run_as_user',
    what: (l) => `\`securityContext.runAsUser\` of its ${l}`,
    sparse: true,
    values: (c) => one(toText(sc(c, 'runAsUser'))),
  },
  {
    suffix: 'eff_run_as_user',
    what: (l) => `the uid each of its ${l} starts with: its securityContext.runAsUser, else the pod's, else 0`,
    note: EFF_NOTE.replaceAll('KEY', 'runAsUser'),
    values: effective('runAsUser'),
  },
  {
    suffix: 'run_as_group',
    what: (l) => `\`securityContext.runAsGroup\` of its ${l}`,
    sparse: true,
    values: (c) => one(toText(sc(c, 'runAsGroup'))),
  },
  {
    suffix: 'eff_run_as_group',
    what: (l) => `the gid each of its ${l} starts with: its securityContext.runAsGroup, else the pod's, else 0`,
    note: EFF_NOTE.replaceAll('KEY', 'runAsGroup'),
    values: effective('runAsGroup'),
  },
  {
    suffix: 'proc_mount',
    what: (l) => `\`securityContext.procMount\` (Default, Unmasked) of its ${l}`,
    sparse: true,
    values: (c) => one(toText(sc(c, 'procMount'))),
  },
  {
    suffix: 'add_capabilities',
    what: (l) => `the capabilities added by its ${l} (\`securityContext.capabilities.add\`), flattened`,
    multi: true,
    note: 'Recent upstream renders each container\'s list as one JSON text; kadet yields capability names, as Falco\'s original implementation did.',
    values: (c) => texts(ownPath(c, 'securityContext', 'capabilities', 'add')),
  },
  {
    suffix: 'host_port',
    what: (l) => `the ports of its ${l}: each port's hostPort, or its containerPort when it sets no hostPort (the two coincide under hostNetwork)`,
    multi: true,
    values: (c) => {
      const out: Scalar[] = [];
      for (const port of asArray(own(c, 'ports')) ?? []) {
        const v = isRecord(port) && Object.hasOwn(port, 'hostPort') ? port['hostPort'] : own(port, 'containerPort');
        const t = toText(v);
        if (t !== undefined) out.push(t);
      }
      return out;
    },
  },
];

const KIND_LABEL: Record<ContainerKind, string> = {
  containers: 'containers',
  initContainers: 'init containers',
  ephemeralContainers: 'ephemeral containers',
};

function containerField(kind: ContainerKind, attr: ContainerAttr): FieldDef {
  const index = attr.multi
    ? '`[n]` selects container n and yields all its values.'
    : attr.sparse
      ? `\`[n]\` selects container n; without it, ${KIND_LABEL[kind]} that do not set the value are skipped, so list positions may differ from container positions.`
      : '`[n]` selects container n.';
  const doc = [`When the request object is a pod, ${attr.what(KIND_LABEL[kind])}.`, index, attr.note].filter(Boolean).join(' ');
  return list(
    `ka.req.pod.${kind}.${attr.suffix}`,
    doc,
    (ev, arg) => {
      const pod = podView(ev);
      return overItems(pod.lists[kind], arg, (c) => (isRecord(c) ? attr.values(c, pod) : []));
    },
    true,
  );
}

const spec = (ev: CanonicalEvent, key: string): string | undefined => toText(own(podView(ev).spec, key));
const podSc = (ev: CanonicalEvent, key: string): unknown => own(podView(ev).securityContext, key);

/** The first container's value of an attribute (the deprecated ka.req.container.* forms). */
function firstContainer(attr: ContainerAttr): FieldDef['extract'] {
  return (ev) => {
    const pod = podView(ev);
    const first = pod.lists.containers?.[0];
    return isRecord(first) ? itemValue(attr.values(first, pod)) : undefined;
  };
}

const attr = (suffix: string): ContainerAttr => CONTAINER_ATTRS.find((a) => a.suffix === suffix) as ContainerAttr;

function volumeValues(ev: CanonicalEvent, arg: string | undefined, read: (volume: unknown) => readonly Scalar[]): FieldValue {
  return overItems(podView(ev).volumes, arg, read);
}

const hostPath = (v: unknown): string | undefined => toText(ownPath(v, 'hostPath', 'path'));

const podFields: readonly FieldDef[] = [
  text('ka.req.pod.host_ipc', 'When the request object is a pod, its `spec.hostIPC` (`true`/`false`); absent when unset.', (ev) => spec(ev, 'hostIPC')),
  text('ka.req.pod.host_network', 'When the request object is a pod, its `spec.hostNetwork` (`true`/`false`); absent when unset.', (ev) => spec(ev, 'hostNetwork')),
  text('ka.req.pod.host_pid', 'When the request object is a pod, its `spec.hostPID` (`true`/`false`); absent when unset.', (ev) => spec(ev, 'hostPID')),
  text('ka.req.pod.run_as_user', 'When the request object is a pod, the pod-level `securityContext.runAsUser`.', (ev) => toText(podSc(ev, 'runAsUser'))),
  text('ka.req.pod.run_as_group', 'When the request object is a pod, the pod-level `securityContext.runAsGroup`.', (ev) => toText(podSc(ev, 'runAsGroup'))),
  text('ka.req.pod.fs_group', 'When the request object is a pod, the pod-level `securityContext.fsGroup`.', (ev) => toText(podSc(ev, 'fsGroup'))),
  list('ka.req.pod.supplemental_groups', 'When the request object is a pod, the gids of the pod-level `securityContext.supplementalGroups`.', (ev) =>
    listValue(texts(podSc(ev, 'supplementalGroups'))),
  ),
  list(
    'ka.req.pod.volumes.hostpath',
    'When the request object is a pod, the `hostPath.path` of its volumes (volumes of other types are skipped). `[n]` selects volume n.',
    (ev, arg) => volumeValues(ev, arg, (v) => one(hostPath(v))),
    true,
  ),
  list(
    'ka.req.pod.volumes.flexvolume_driver',
    'When the request object is a pod, the `flexVolume.driver` of its volumes (others skipped). `[n]` selects volume n.',
    (ev, arg) => volumeValues(ev, arg, (v) => one(toText(ownPath(v, 'flexVolume', 'driver')))),
    true,
  ),
  list(
    'ka.req.pod.volumes.volume_type',
    'When the request object is a pod, the type of each volume: every key of the volume other than `name` (hostPath, secret, projected, …). `[n]` selects volume n.',
    (ev, arg) => volumeValues(ev, arg, (v) => (isRecord(v) ? Object.keys(v).filter((k) => k !== 'name') : [])),
    true,
  ),
  keyed(
    'ka.req.volume.hostpath',
    'Deprecated by ka.req.pod.volumes.hostpath. `true` when a hostPath volume of the pod in the request has exactly path `key`, or starts with it when `key` ends with `*` (`[/var/run/*]`); otherwise `false`.',
    (ev, arg) => {
      const volumes = podView(ev).volumes;
      if (volumes === undefined || arg === undefined) return undefined;
      const prefix = arg.endsWith('*') ? arg.slice(0, -1) : undefined;
      const hit = volumes.some((v) => {
        const path = hostPath(v);
        return path !== undefined && (path === arg || (prefix !== undefined && path.startsWith(prefix)));
      });
      return hit ? 'true' : 'false';
    },
  ),
  text('ka.req.container.image', 'Deprecated by ka.req.pod.containers.image: the image of the first container only.', firstContainer(attr('image'))),
  text(
    'ka.req.container.image.repository',
    'Deprecated by ka.req.pod.containers.image.repository: the repository of the first container\'s image only (same parsing).',
    firstContainer(attr('image.repository')),
  ),
  text(
    'ka.req.container.privileged',
    'Deprecated by ka.req.pod.containers.privileged: `true` when any container (not init or ephemeral) has `securityContext.privileged: true`, `false` when none does; absent when the request has no containers list.',
    (ev) => {
      const containers = podView(ev).lists.containers;
      if (containers === undefined) return undefined;
      return containers.some((c) => sc(c, 'privileged') === true) ? 'true' : 'false';
    },
  ),
  text('ka.req.container.host_network', 'Deprecated alias of ka.req.pod.host_network (`spec.hostNetwork`).', (ev) => spec(ev, 'hostNetwork')),
];

export const kaPodFields: readonly FieldDef[] = [
  ...CONTAINER_ATTRS.map((a) => containerField('containers', a)),
  ...podFields,
  ...CONTAINER_KINDS.filter((k) => k !== 'containers').flatMap((k) => CONTAINER_ATTRS.map((a) => containerField(k, a))),
];
