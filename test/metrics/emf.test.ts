import { describe, expect, it } from 'vitest';
import { BATCH_METRICS, batchMetricsDocument, batchMetricsLine } from '../../shared/metrics/emf.ts';
import type { BatchSummary } from '../../shared/runtime.ts';

const summary: BatchSummary = {
  received: 12,
  evaluated: 9,
  rejected: 1,
  skipped: 2,
  findings: 3,
  findingsByPriority: { Critical: 1, Warning: 2 },
  delivered: 2,
  failures: [{ target: 'slack', error: 'POST https://hooks.slack.com/services/*** answered HTTP 500' }],
  durationMs: 41,
};

describe('EMF batch metrics', () => {
  it('is one EMF document: namespace Kadet, dimension prefixes, every metric with its unit and value', () => {
    const doc = batchMetricsDocument(summary, {
      dimensions: { FunctionName: 'kadet-eks', Cluster: 'prod-eks' },
      timestamp: 1_763_630_043_123,
      properties: { kadet: 'metrics', requestId: 'r-1' },
    });
    expect(doc).toStrictEqual({
      kadet: 'metrics',
      requestId: 'r-1',
      _aws: {
        Timestamp: 1_763_630_043_123,
        CloudWatchMetrics: [
          {
            Namespace: 'Kadet',
            Dimensions: [['FunctionName'], ['FunctionName', 'Cluster']],
            Metrics: [
              { Name: 'Received', Unit: 'Count' },
              { Name: 'Evaluated', Unit: 'Count' },
              { Name: 'Rejected', Unit: 'Count' },
              { Name: 'Skipped', Unit: 'Count' },
              { Name: 'Findings', Unit: 'Count' },
              { Name: 'Delivered', Unit: 'Count' },
              { Name: 'DeliveryFailures', Unit: 'Count' },
              { Name: 'DurationMs', Unit: 'Milliseconds' },
            ],
          },
        ],
      },
      FunctionName: 'kadet-eks',
      Cluster: 'prod-eks',
      Received: 12,
      Evaluated: 9,
      Rejected: 1,
      Skipped: 2,
      Findings: 3,
      Delivered: 2,
      DeliveryFailures: 1,
      DurationMs: 41,
    });
  });

  it('has a top-level value for every dimension and metric it declares (what CloudWatch requires)', () => {
    const doc = JSON.parse(batchMetricsLine(summary, { dimensions: { FunctionName: 'f' }, timestamp: 1 })) as Record<string, unknown> & {
      _aws: { CloudWatchMetrics: { Dimensions: string[][]; Metrics: { Name: string }[] }[] };
    };
    const directive = doc._aws.CloudWatchMetrics[0]!;
    for (const d of directive.Dimensions.flat()) expect(typeof doc[d]).toBe('string');
    for (const m of directive.Metrics) expect(typeof doc[m.Name]).toBe('number');
    expect(directive.Metrics).toHaveLength(BATCH_METRICS.length);
  });

  it('lets dimensions and metrics win over a clashing property, and publishes undimensioned without dimensions', () => {
    const doc = batchMetricsDocument(summary, { dimensions: {}, timestamp: 1, properties: { Findings: 'x', _aws: 'y' }, namespace: 'Test' });
    expect(doc['Findings']).toBe(3);
    expect(doc._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Test', Dimensions: [[]] });
  });

  it('is a single line', () => {
    expect(batchMetricsLine(summary, { dimensions: { FunctionName: 'f' }, timestamp: 1 })).not.toContain('\n');
  });
});
