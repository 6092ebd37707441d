import { SinkConfigError } from '../errors.ts';
import { redactUrl } from '../redact.ts';
import type { ResolvedSinkSpec } from './types.ts';

/** The spec's target as an http(s) URL; the error shows only its redacted form. */
export function requireUrl(spec: ResolvedSinkSpec): URL {
  const t = spec.target;
  if (t === undefined) throw new SinkConfigError(spec.variable, spec.entry, `${spec.scheme} needs a URL: ${spec.scheme}:https://… or ${spec.scheme}:env:NAME`);
  let url: URL;
  try {
    url = new URL(t.value);
  } catch {
    // The URL constructor's error carries the input: it is not passed on as a cause.
    throw new SinkConfigError(spec.variable, spec.entry, `${spec.scheme} target ${t.shown} is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new SinkConfigError(spec.variable, spec.entry, `${spec.scheme} target ${redactUrl(t.value)} must be http(s)`);
  return url;
}

/** Rejects a target or headers on sinks that take neither. */
export function requireNothing(spec: ResolvedSinkSpec): void {
  if (spec.target !== undefined || spec.headers.length > 0) throw new SinkConfigError(spec.variable, spec.entry, `${spec.scheme} takes no target or headers`);
}

/** The spec's headers as a record (values are secrets: never print this). */
export function headersOf(spec: ResolvedSinkSpec): Record<string, string> {
  return Object.fromEntries(spec.headers.map(([n, v]) => [n, v.value]));
}

/** The fields every sink carries over from its spec. */
export function sinkBase(spec: ResolvedSinkSpec): { name: string; minPriority?: ResolvedSinkSpec['minPriority'] } {
  return { name: spec.name, ...(spec.minPriority === undefined ? {} : { minPriority: spec.minPriority }) };
}
