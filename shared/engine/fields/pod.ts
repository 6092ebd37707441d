// The pod spec of a request, located once per event and shared by every ka.req.pod.* field.
//
// Like Falco's k8saudit plugin, kadet reads `requestObject.spec` as a PodSpec whatever the
// resource: a Pod create/update carries its spec there. Workload templates (a Deployment's
// `spec.template.spec`, a CronJob's `spec.jobTemplate…`) are not read, exactly as upstream.

import type { CanonicalEvent } from '../../event/types.ts';
import { asArray, isRecord, own, ownPath } from './own.ts';

/** The three container lists of a PodSpec, each with its own ka.req.pod.<kind>.* fields. */
export const CONTAINER_KINDS = ['containers', 'initContainers', 'ephemeralContainers'] as const;
export type ContainerKind = (typeof CONTAINER_KINDS)[number];

export interface PodView {
  /** `requestObject.spec` when it is an object. */
  readonly spec: Readonly<Record<string, unknown>> | undefined;
  /** The pod-level `spec.securityContext`. */
  readonly securityContext: unknown;
  /** Each container list when it is an array. */
  readonly lists: Readonly<Record<ContainerKind, readonly unknown[] | undefined>>;
  /** `spec.volumes` when it is an array. */
  readonly volumes: readonly unknown[] | undefined;
}

const EMPTY: PodView = {
  spec: undefined,
  securityContext: undefined,
  lists: { containers: undefined, initContainers: undefined, ephemeralContainers: undefined },
  volumes: undefined,
};

const views = new WeakMap<object, PodView>();

function build(event: unknown): PodView {
  const spec = ownPath(event, 'requestObject', 'spec');
  if (!isRecord(spec)) return EMPTY;
  return {
    spec,
    securityContext: own(spec, 'securityContext'),
    lists: {
      containers: asArray(own(spec, 'containers')),
      initContainers: asArray(own(spec, 'initContainers')),
      ephemeralContainers: asArray(own(spec, 'ephemeralContainers')),
    },
    volumes: asArray(own(spec, 'volumes')),
  };
}

/** The pod view of an event, computed on first use and kept for the event's lifetime. */
export function podView(ev: CanonicalEvent): PodView {
  const event: unknown = own(ev, 'event');
  if (!isRecord(event)) return EMPTY;
  let view = views.get(event);
  if (view === undefined) {
    view = build(event);
    views.set(event, view);
  }
  return view;
}
