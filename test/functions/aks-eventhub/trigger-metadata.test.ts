import { describe, expect, it } from 'vitest';
import { eventHubCoordinates } from '../../../functions/aks-eventhub/trigger-metadata.ts';

/** Trigger metadata as the v4 library hands it over for cardinality many (names camel-cased by the library). */
const metadata = () => ({
  partitionContext: { consumerGroup: 'kadet', eventHubName: 'aks-audit', fullyQualifiedNamespace: 'ns.servicebus.windows.net', partitionId: '3' },
  sequenceNumberArray: [1042, 1043],
  offsetArray: ['4294967296', '4294968320'],
  enqueuedTimeUtcArray: ['2026-11-20T09:44:17.123Z', '2026-11-20T09:44:17.456Z'],
  partitionKeyArray: [null, null],
});

describe('eventHubCoordinates', () => {
  it('takes the partition id and the arrays aligned with the messages', () => {
    expect(eventHubCoordinates(metadata())).toEqual({
      partitionId: '3',
      sequenceNumbers: [1042, 1043],
      offsets: ['4294967296', '4294968320'],
      enqueuedTimes: ['2026-11-20T09:44:17.123Z', '2026-11-20T09:44:17.456Z'],
    });
  });

  it('is empty without metadata (a test invocation, or a trigger that sends none)', () => {
    expect(eventHubCoordinates(undefined)).toEqual({});
    expect(eventHubCoordinates({})).toEqual({});
  });

  it('reads int64 values given as bigint or as a Long-like object by their decimal text', () => {
    const long = { low: 5, high: 1, toString: () => '4294967301' };
    expect(eventHubCoordinates({ sequenceNumberArray: [7n, long] }).sequenceNumbers).toEqual(['7', '4294967301']);
  });

  it('drops an array with any element of another shape, since its index alignment would be wrong', () => {
    const meta = { ...metadata(), sequenceNumberArray: [1, { nope: true }], offsetArray: 'x', enqueuedTimeUtcArray: [1] };
    expect(eventHubCoordinates(meta)).toEqual({ partitionId: '3' });
  });

  it('ignores a partition context that is not an object, and never reads inherited properties', () => {
    expect(eventHubCoordinates({ partitionContext: 'p3' })).toEqual({});
    expect(eventHubCoordinates(Object.create({ partitionContext: { partitionId: '9' } }) as Record<string, unknown>)).toEqual({});
  });
});
