// The client hands entries back as protobufjs objects (timestamps as {seconds, nanos}, the payload as Any
// bytes, every absent field filled with its default). This rebuilds the LogEntry JSON Cloud Logging's REST API
// and `gcloud logging read --format=json` print, which is what the GKE adapter reads on the Pub/Sub path.
import { AUDIT_LOG_STRUCT_FIELDS, type ProtoRoot } from './gcp-audit-proto.ts';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

/** One decoded entry → LogEntry JSON, dropping the defaults the client filled in. */
export function toLogEntryJson(raw: Obj, root: ProtoRoot): Obj {
  const out: Obj = {};
  const text = (k: string): void => void (typeof raw[k] === 'string' && raw[k] !== '' ? (out[k] = raw[k]) : undefined);
  const payload = raw['protoPayload'];
  if (isObj(payload)) out['protoPayload'] = anyToJson(payload, root);
  if (typeof raw['textPayload'] === 'string' && raw['payload'] === 'textPayload') out['textPayload'] = raw['textPayload'];
  if (isObj(raw['jsonPayload'])) out['jsonPayload'] = structToJson(raw['jsonPayload']);
  text('insertId');
  const resource = raw['resource'];
  if (isObj(resource)) out['resource'] = { type: resource['type'], ...(nonEmpty(resource['labels']) ? { labels: resource['labels'] } : {}) };
  for (const k of ['timestamp', 'receiveTimestamp']) if (isObj(raw[k])) out[k] = timestampToJson(raw[k]);
  if (typeof raw['severity'] === 'string' && raw['severity'] !== 'DEFAULT') out['severity'] = raw['severity'];
  if (nonEmpty(raw['labels'])) out['labels'] = raw['labels'];
  text('logName');
  if (isObj(raw['operation'])) out['operation'] = operationToJson(raw['operation']);
  for (const k of ['trace', 'spanId']) text(k);
  return out;
}

const nonEmpty = (v: unknown): v is Obj => isObj(v) && Object.keys(v).length > 0;

function operationToJson(op: Obj): Obj {
  const out: Obj = {};
  for (const k of ['id', 'producer']) if (typeof op[k] === 'string' && op[k] !== '') out[k] = op[k];
  // proto3 JSON leaves false booleans out; the adapter reads first/last as "true or not".
  for (const k of ['first', 'last']) if (op[k] === true) out[k] = true;
  return out;
}

/** google.protobuf.Any {type_url, value} → `{"@type": …, ...fields}`, as the REST API writes it. */
function anyToJson(any: Obj, root: ProtoRoot): Obj {
  const typeUrl = String(any['type_url'] ?? any['typeUrl'] ?? '');
  const value = any['value'];
  const bytes = value instanceof Uint8Array ? value : typeof value === 'string' ? Buffer.from(value, 'base64') : new Uint8Array();
  const type = root.lookupType(typeUrl.replace(/^.*\//, ''));
  const msg = type.toObject(type.decode(bytes), { longs: String, enums: String, defaults: false, arrays: false });
  for (const f of AUDIT_LOG_STRUCT_FIELDS) if (isObj(msg[f])) msg[f] = structToJson(msg[f]);
  return { '@type': typeUrl, ...msg };
}

/** google.protobuf.Struct as protobufjs objects ({fields: {k: {stringValue}}}) → plain JSON. */
export function structToJson(struct: Obj): Obj {
  const fields = isObj(struct['fields']) ? struct['fields'] : {};
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, valueToJson(v)]));
}

function valueToJson(v: unknown): unknown {
  if (!isObj(v)) return null;
  if ('structValue' in v && isObj(v['structValue'])) return structToJson(v['structValue']);
  if ('listValue' in v && isObj(v['listValue'])) return (Array.isArray(v['listValue']['values']) ? v['listValue']['values'] : []).map(valueToJson);
  if ('stringValue' in v) return v['stringValue'];
  if ('numberValue' in v) return v['numberValue'];
  if ('boolValue' in v) return v['boolValue'];
  return null;
}

/** {seconds, nanos} → RFC 3339 in proto3's canonical form: 0, 3, 6 or 9 fractional digits. */
export function timestampToJson(ts: Obj): string {
  const seconds = Number(ts['seconds'] ?? 0);
  const nanos = Number(ts['nanos'] ?? 0);
  const base = new Date(seconds * 1000).toISOString().slice(0, 19);
  if (nanos === 0) return `${base}Z`;
  const digits = nanos % 1_000_000 === 0 ? 3 : nanos % 1000 === 0 ? 6 : 9;
  return `${base}.${String(nanos).padStart(9, '0').slice(0, digits)}Z`;
}
