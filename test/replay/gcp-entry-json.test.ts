import { describe, expect, it } from 'vitest';
import { structToJson, timestampToJson } from '../../shared/replay/sources/gcp-entry-json.ts';

describe('LogEntry JSON rebuilt from the client\'s objects', () => {
  it.each([
    [{ seconds: '1795165200', nanos: 0 }, '2026-11-20T09:00:00Z'],
    [{ seconds: '1795165200', nanos: 123_000_000 }, '2026-11-20T09:00:00.123Z'],
    [{ seconds: '1795165200', nanos: 265_495_000 }, '2026-11-20T09:00:00.265495Z'],
    [{ seconds: '1795165200', nanos: 265_495_001 }, '2026-11-20T09:00:00.265495001Z'],
  ])('prints %j in proto3 canonical form', (ts, text) => expect(timestampToJson(ts)).toBe(text));

  it('turns a protobuf Struct back into plain JSON', () => {
    const struct = {
      fields: {
        kind: { stringValue: 'Pod' },
        replicas: { numberValue: 3 },
        privileged: { boolValue: true },
        gone: { nullValue: 'NULL_VALUE' },
        spec: { structValue: { fields: { hostPath: { stringValue: '/' } } } },
        args: { listValue: { values: [{ stringValue: 'sh' }, { numberValue: 1 }] } },
      },
    };
    expect(structToJson(struct)).toEqual({ kind: 'Pod', replicas: 3, privileged: true, gone: null, spec: { hostPath: '/' }, args: ['sh', 1] });
  });
});
