// Typed reads of untrusted LogEntry JSON: own properties only; a wrong type is a GkeRecordError naming the path.
import { isObject, own, type JsonObject } from '../event/own.ts';
import { GkeRecordError } from './gke-errors.ts';

/** Describes a value for an error message without echoing much of it. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  const text = typeof v === 'string' ? JSON.stringify(v) : String(v);
  return `${typeof v} ${text.slice(0, 40)}`;
}

const wrong = (path: string, expected: string, got: unknown): GkeRecordError =>
  new GkeRecordError('logentry', path, `expected ${expected}, got ${describeValue(got)}`);

/** An optional string field; null counts as absent, as protobuf JSON encoders may write it. */
export function optString(obj: JsonObject | undefined, key: string, path: string): string | undefined {
  const v = obj === undefined ? undefined : own(obj, key);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw wrong(path, 'a string', v);
  return v;
}

/** An optional object field. */
export function optObject(obj: JsonObject | undefined, key: string, path: string): JsonObject | undefined {
  const v = obj === undefined ? undefined : own(obj, key);
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw wrong(path, 'an object', v);
  return v;
}

/** An optional integer field. */
export function optInteger(obj: JsonObject | undefined, key: string, path: string): number | undefined {
  const v = obj === undefined ? undefined : own(obj, key);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw wrong(path, 'an integer', v);
  return v;
}

/** An optional boolean; "true"/"false" strings are accepted because some exporters stringify LogEntry booleans. */
export function optBoolean(obj: JsonObject | undefined, key: string, path: string): boolean | undefined {
  const v = obj === undefined ? undefined : own(obj, key);
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw wrong(path, 'a boolean', v);
}

/** An optional array field. */
export function optArray(obj: JsonObject | undefined, key: string, path: string): unknown[] | undefined {
  const v = obj === undefined ? undefined : own(obj, key);
  if (v === undefined || v === null) return undefined;
  if (!Array.isArray(v)) throw wrong(path, 'an array', v);
  return v;
}

/** An optional map of string to string, copied into a fresh object (own keys, `__proto__` stays a plain key). */
export function optStringMap(obj: JsonObject | undefined, key: string, path: string): Record<string, string> | undefined {
  const map = optObject(obj, key, path);
  if (map === undefined) return undefined;
  return Object.fromEntries(
    Object.keys(map).map((k) => {
      const v = map[k];
      if (typeof v !== 'string') throw wrong(`${path}.${k}`, 'a string', v);
      return [k, v];
    }),
  );
}
