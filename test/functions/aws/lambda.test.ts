import { describe, expect, it } from 'vitest';
import { coldStart } from '../../../shared/instance/cold-start.ts';
import { regionOf } from '../../../functions/aws/lambda-context.ts';
import { invocationMetricsLine, singleCluster } from '../../../functions/aws/metrics.ts';
import type { BatchSummary } from '../../../shared/runtime.ts';
import { lambdaContext } from './support.ts';

describe('Lambda helpers', () => {
  it('takes the region from the function ARN, else AWS_REGION', () => {
    expect(regionOf(lambdaContext(), { AWS_REGION: 'us-east-1' })).toBe('eu-west-1');
    expect(regionOf({}, { AWS_REGION: 'us-east-1' })).toBe('us-east-1');
    expect(regionOf({ invokedFunctionArn: '' }, {})).toBeUndefined();
  });

  it('runs a cold start once, but again after it failed', async () => {
    let calls = 0;
    const init = coldStart(async () => {
      calls++;
      if (calls === 1) throw new Error('throttled');
      return calls;
    });
    await expect(init()).rejects.toThrow('throttled');
    expect(await Promise.all([init(), init()])).toEqual([2, 2]);
    expect(await init()).toBe(2);
    expect(calls).toBe(2);
  });

  it('names a batch cluster only when every event agrees', () => {
    const ce = (cluster?: string) => ({ event: {} as never, origin: { provider: 'eks' as const, ...(cluster ? { cluster } : {}) } });
    expect(singleCluster([ce('a'), ce('a')])).toBe('a');
    expect(singleCluster([ce('a'), ce('b')])).toBeUndefined();
    expect(singleCluster([ce('a'), ce()])).toBeUndefined();
    expect(singleCluster([])).toBeUndefined();
  });

  it('writes the invocation EMF line with the function name, request id and source', () => {
    const summary: BatchSummary = { received: 1, evaluated: 1, rejected: 0, skipped: 0, findings: 0, findingsByPriority: {}, delivered: 0, failures: [], durationMs: 3 };
    const doc = JSON.parse(invocationMetricsLine(summary, { context: lambdaContext(), cluster: 'prod', source: 'kinesis', properties: { failedRecords: 0 } }, 42)) as Record<string, unknown>;
    expect(doc).toMatchObject({ kadet: 'metrics', source: 'kinesis', requestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678', failedRecords: 0, FunctionName: 'kadet-eks', Cluster: 'prod', Received: 1 });
    expect(doc['_aws']).toMatchObject({ Timestamp: 42, CloudWatchMetrics: [{ Namespace: 'Kadet', Dimensions: [['FunctionName'], ['FunctionName', 'Cluster']] }] });
  });
});
