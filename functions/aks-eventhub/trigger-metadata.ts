import type { AdapterContext } from '../../shared/adapters/types.ts';
import { isObject, own } from '../../shared/event/own.ts';

type Coordinates = NonNullable<AdapterContext['eventHub']>;
type Coordinate = string | number;

/**
 * The Event Hub trigger metadata of one batch (cardinality many) as the coordinates the adapter stamps on each
 * event: `partitionContext.partitionId`, and `sequenceNumberArray`, `offsetArray`, `enqueuedTimeUtcArray`, which
 * are aligned with the messages (the Node library camel-cases the host's names). A value of any other shape is
 * left out rather than thrown on: a missing coordinate costs traceability, never detection.
 */
export function eventHubCoordinates(meta: Readonly<Record<string, unknown>> | undefined): Coordinates {
  const hub: Coordinates = {};
  if (meta === undefined) return hub;
  const partition = own(meta, 'partitionContext');
  const partitionId = isObject(partition) ? own(partition, 'partitionId') : undefined;
  if (typeof partitionId === 'string' || typeof partitionId === 'number') hub.partitionId = String(partitionId);
  const sequenceNumbers = coordinates(own(meta, 'sequenceNumberArray'));
  if (sequenceNumbers) hub.sequenceNumbers = sequenceNumbers;
  const offsets = coordinates(own(meta, 'offsetArray'));
  if (offsets) hub.offsets = offsets;
  const times = own(meta, 'enqueuedTimeUtcArray');
  if (Array.isArray(times) && times.every((t) => typeof t === 'string')) hub.enqueuedTimes = times as string[];
  return hub;
}

/** An array whose every element is a coordinate; one odd element drops it all, since the index alignment is its meaning. */
function coordinates(v: unknown): Coordinate[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out = v.map(coordinate);
  return out.every((c) => c !== undefined) ? (out as Coordinate[]) : undefined;
}

function coordinate(v: unknown): Coordinate | undefined {
  if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return v;
  if (typeof v === 'bigint') return v.toString();
  // A protobuf int64 may surface as a Long object, whose toString() is the decimal value.
  if (isObject(v)) {
    try {
      const text = String(v);
      return /^-?\d+$/.test(text) ? text : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
