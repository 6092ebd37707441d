// Safe reads from untrusted JSON: own properties only, never the prototype chain.
//
// An audit event is attacker-influenced JSON. `obj[key]` on a plain object would happily return
// inherited members (`constructor`, `toString`, `__proto__`), so every field reads through these.

export type JsonRecord = Record<string, unknown>;

/** A JSON object (not null, not an array). */
export function isRecord(v: unknown): v is JsonRecord {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `v[key]` when `v` is an object that owns `key`; otherwise undefined. */
export function own(v: unknown, key: string): unknown {
  return isRecord(v) && Object.hasOwn(v, key) ? v[key] : undefined;
}

/** Follows `keys` through nested objects, own properties only. */
export function ownPath(v: unknown, ...keys: readonly string[]): unknown {
  let cur = v;
  for (const key of keys) {
    cur = own(cur, key);
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** `v` when it is an array, else undefined. */
export function asArray(v: unknown): readonly unknown[] | undefined {
  return Array.isArray(v) ? v : undefined;
}

/** `v` when it is a string, else undefined. */
export function asString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/**
 * Renders a JSON value the way Falco's k8saudit plugin does: a string as itself, anything else as
 * its compact JSON text (`200`, `true`, `null`, `{"a":1}`). Undefined (a missing key) stays
 * undefined, and so does anything JSON cannot express.
 */
export function toText(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : undefined;
    case 'object':
      return jsonText(v);
    default:
      return undefined;
  }
}

/** Compact JSON text of a value; undefined when it cannot be serialised (cycles, depth, BigInt). */
export function jsonText(v: unknown, indent?: number): string | undefined {
  try {
    const text: unknown = JSON.stringify(v, null, indent);
    return typeof text === 'string' ? text : undefined;
  } catch {
    return undefined;
  }
}
