// An AKSAudit / AKSAuditAdmin row → the audit Event the apiserver wrote. Azure split the Event into
// columns; each column maps back to one field. Not in the table, so absent here: impersonatedUser.
// kind/apiVersion are not stored either and are restored as audit.k8s.io/v1 Event, which AKS writes.

type Row = Readonly<Record<string, unknown>>;

/** Column → Event field, in the Event's own field order. */
const FIELDS: readonly (readonly [column: string, field: string])[] = [
  ['Level', 'level'],
  ['AuditId', 'auditID'],
  ['Stage', 'stage'],
  ['RequestUri', 'requestURI'],
  ['Verb', 'verb'],
  ['User', 'user'],
  ['SourceIps', 'sourceIPs'],
  ['UserAgent', 'userAgent'],
  ['ObjectRef', 'objectRef'],
  ['ResponseStatus', 'responseStatus'],
  ['RequestObject', 'requestObject'],
  ['ResponseObject', 'responseObject'],
  ['RequestReceivedTime', 'requestReceivedTimestamp'],
  ['StageReceivedTime', 'stageTimestamp'],
  ['Annotations', 'annotations'],
];

const TIME_FIELDS: ReadonlySet<string> = new Set(['requestReceivedTimestamp', 'stageTimestamp']);

/** Rebuilds the Event object (unvalidated: the AKS adapter validates it, as it does an Event Hub record's). */
export function aksAuditRowToEvent(row: Row): Record<string, unknown> {
  const event: Record<string, unknown> = { kind: 'Event', apiVersion: 'audit.k8s.io/v1' };
  for (const [column, field] of FIELDS) {
    const value = row[column];
    // Log Analytics returns an empty string (or null) for a column the record did not have.
    if (value === null || value === undefined || value === '') continue;
    event[field] = TIME_FIELDS.has(field) ? microTime(value) : value;
  }
  return event;
}

/**
 * Log Analytics keeps 100 ns ticks and prints 7 fractional digits (`…33.3677990Z`); the apiserver writes
 * MicroTime, always 6 (`…33.367799Z`). A Date (a column left as datetime) only has milliseconds.
 */
export function microTime(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? value : `${value.toISOString().slice(0, 23)}000Z`;
  if (typeof value !== 'string') return value;
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(value);
  return m ? `${m[1]}.${(m[2] ?? '').padEnd(6, '0').slice(0, 6)}Z` : value;
}
