// jevt.* (and their json.* names): generic access to the audit event as JSON, and its time.
//
// Falco's json plugin defines json.value, json.obj and json.rawtime, with jevt.value, jevt.obj and
// jevt.rawtime as aliases; jevt.time and jevt.time.iso8601 come from Falco's pre-plugin engine and
// are kept because rule outputs still use them. kadet lists the jevt.* names (what k8s_audit rules
// use) and resolves the json.* names to the same definitions.

import type { CanonicalEvent } from '../../event/types.ts';
import { auditEvent, keyed, text } from './define.ts';
import { resolvePointer } from './json-pointer.ts';
import { asString, isRecord, jsonText, own, toText } from './own.ts';
import { formatIso8601, formatTimeOfDay, parseRfc3339Nanos } from './timestamp.ts';
import type { FieldDef } from './types.ts';

const times = new WeakMap<object, bigint | null>();

/**
 * The event time in nanoseconds: `stageTimestamp`, which is what the k8saudit plugin stamps its
 * events with; kadet falls back to `requestReceivedTimestamp` where upstream would drop the event.
 */
export function eventTimeNanos(ev: CanonicalEvent): bigint | undefined {
  const event = auditEvent(ev);
  if (!isRecord(event)) return undefined;
  let ns = times.get(event);
  if (ns === undefined) {
    const parse = (key: string) => {
      const s = asString(own(event, key));
      return s === undefined ? undefined : parseRfc3339Nanos(s);
    };
    ns = parse('stageTimestamp') ?? parse('requestReceivedTimestamp') ?? null;
    times.set(event, ns);
  }
  return ns ?? undefined;
}

const TIME_SOURCE = 'The event time is `stageTimestamp` (as upstream), else `requestReceivedTimestamp`.';

export const jevtFields: readonly FieldDef[] = [
  keyed(
    'jevt.value',
    'The value at RFC 6901 JSON pointer `key` in the audit event (`jevt.value[/objectRef/name]`, `~1` for `/`, `~0` for `~`): a string as itself, anything else as compact JSON text; absent when nothing is there. ' +
      'Also named json.value. As in upstream the leading `/` may be omitted; kadet reads the canonical event the adapter produced, where upstream reads the raw JSON received.',
    (ev, arg) => (arg === undefined ? undefined : toText(resolvePointer(auditEvent(ev), arg))),
  ),
  text(
    'jevt.obj',
    'The whole audit event as JSON text indented by two spaces, like upstream. Also named json.obj. kadet renders the canonical event (after adapter normalisation), not the raw bytes received.',
    (ev) => jsonText(auditEvent(ev), 2),
  ),
  text(
    'jevt.rawtime',
    `The event time as a decimal string of nanoseconds since the Unix epoch (upstream declares it a string too). Also named json.rawtime. ${TIME_SOURCE}`,
    (ev) => eventTimeNanos(ev)?.toString(),
  ),
  text(
    'jevt.time',
    `The event time of day as \`HH:MM:SS.nnnnnnnnn\`. A legacy Falco field (not in the json plugin); Falco printed local time, kadet prints UTC. ${TIME_SOURCE}`,
    (ev) => {
      const ns = eventTimeNanos(ev);
      return ns === undefined ? undefined : formatTimeOfDay(ns);
    },
  ),
  text(
    'jevt.time.iso8601',
    `The event time in ISO 8601 with nanoseconds, \`2024-05-01T10:00:00.123456000+0000\`, as Falco prints it. A legacy Falco field (not in the json plugin). ${TIME_SOURCE}`,
    (ev) => {
      const ns = eventTimeNanos(ev);
      return ns === undefined ? undefined : formatIso8601(ns);
    },
  ),
];

/** Other names of jevt.* fields: Falco's json plugin's own names. */
export const jevtAliases: ReadonlyMap<string, string> = new Map([
  ['json.value', 'jevt.value'],
  ['json.obj', 'jevt.obj'],
  ['json.rawtime', 'jevt.rawtime'],
]);
