// CloudWatch Embedded Metric Format: one JSON log line that CloudWatch Logs turns into metrics, so
// dashboards and alarms need no metric filters or log parsing. Spec:
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
import type { BatchSummary } from '../runtime.ts';

/** The namespace every kadet metric is published under. */
export const KADET_NAMESPACE = 'Kadet';

export type EmfUnit = 'Count' | 'Milliseconds';

/** One metric: its name (also the top-level key holding the value), unit and how to read it from a summary. */
interface MetricDef {
  name: string;
  unit: EmfUnit;
  value: (s: BatchSummary) => number;
}

/** The batch metrics, as a table: adding one is one line. */
export const BATCH_METRICS: readonly MetricDef[] = [
  { name: 'Received', unit: 'Count', value: (s) => s.received },
  { name: 'Evaluated', unit: 'Count', value: (s) => s.evaluated },
  { name: 'Rejected', unit: 'Count', value: (s) => s.rejected },
  { name: 'Skipped', unit: 'Count', value: (s) => s.skipped },
  { name: 'Findings', unit: 'Count', value: (s) => s.findings },
  { name: 'Delivered', unit: 'Count', value: (s) => s.delivered },
  // Sinks and dead-letter targets that still failed after retries: alarm on > 0.
  { name: 'DeliveryFailures', unit: 'Count', value: (s) => s.failures.length },
  { name: 'DurationMs', unit: 'Milliseconds', value: (s) => s.durationMs },
];

/** The `_aws` metadata block of an EMF document. */
export interface EmfMetadata {
  Timestamp: number;
  CloudWatchMetrics: {
    Namespace: string;
    Dimensions: string[][];
    Metrics: { Name: string; Unit: EmfUnit }[];
  }[];
}

export type EmfDocument = { _aws: EmfMetadata } & Record<string, unknown>;

export interface EmfOptions {
  /** Dimension name → value, most general first (e.g. FunctionName, then Cluster). */
  dimensions: Readonly<Record<string, string>>;
  /** Epoch milliseconds of the batch. */
  timestamp: number;
  namespace?: string;
  /** Extra top-level keys that are searchable in Logs Insights but not metrics (request id, source). */
  properties?: Readonly<Record<string, unknown>>;
}

/**
 * The EMF document for one batch. Dimension sets are every prefix of `dimensions`
 * ([FunctionName], [FunctionName, Cluster]) so a dashboard can sum per function and split by cluster.
 */
export function batchMetricsDocument(summary: BatchSummary, opts: EmfOptions): EmfDocument {
  const names = Object.keys(opts.dimensions);
  const metrics = Object.fromEntries(BATCH_METRICS.map((m) => [m.name, m.value(summary)]));
  return {
    // Properties first: dimensions and metric values below must win a name clash, or the line is not a valid EMF document.
    ...opts.properties,
    _aws: {
      Timestamp: opts.timestamp,
      CloudWatchMetrics: [
        {
          Namespace: opts.namespace ?? KADET_NAMESPACE,
          // With no dimensions, one empty set publishes the metrics undimensioned.
          Dimensions: names.length === 0 ? [[]] : names.map((_, i) => names.slice(0, i + 1)),
          Metrics: BATCH_METRICS.map((m) => ({ Name: m.name, Unit: m.unit })),
        },
      ],
    },
    ...opts.dimensions,
    ...metrics,
  };
}

/** The document as the single log line CloudWatch Logs expects. */
export function batchMetricsLine(summary: BatchSummary, opts: EmfOptions): string {
  return JSON.stringify(batchMetricsDocument(summary, opts));
}
