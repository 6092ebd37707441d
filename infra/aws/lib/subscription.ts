import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as logsDestinations from 'aws-cdk-lib/aws-logs-destinations';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The log group EKS writes control-plane logs to once `audit` logging is on. */
export function eksLogGroupName(cluster: string): string {
  return `/aws/eks/${cluster}/cluster`;
}

/**
 * Audit events only: the group also holds kube-apiserver, authenticator, controller-manager and
 * scheduler streams, whose lines are plain text or JSON without `kind: Event`. Every stage passes:
 * exec rules need ResponseStarted.
 */
export const AUDIT_FILTER_PATTERN = logs.FilterPattern.all(
  logs.FilterPattern.stringValue('$.kind', '=', 'Event'),
  logs.FilterPattern.stringValue('$.apiVersion', '=', 'audit.k8s.io/v1'),
);

export interface EksAuditSubscriptionProps {
  /** The eks-cloudwatch function (it reads both the subscription event and the Kinesis event). */
  fn: lambda.Function;
  clusters: readonly string[];
  /** Events Lambda gave up on: failed async invocations, or Kinesis batches past their retries. */
  onFailure: sqs.IQueue;
  /** Route through a Kinesis data stream (high volume) instead of invoking the function directly. */
  kinesis: boolean;
}

/**
 * One subscription filter per cluster on /aws/eks/<cluster>/cluster (a log group takes at most two).
 * Direct: CloudWatch Logs invokes the function asynchronously; Lambda retries twice, then the event
 * goes to the on-failure queue. Kinesis: one on-demand stream for all clusters; the function reads
 * batches, reports failed records by sequence number, bisects a failing batch and sends what still
 * fails to the on-failure queue.
 */
export class EksAuditSubscription extends Construct {
  readonly stream?: kinesis.Stream;

  constructor(scope: Construct, id: string, props: EksAuditSubscriptionProps) {
    super(scope, id);
    let destination: logs.ILogSubscriptionDestination;
    if (props.kinesis) {
      const stream = new kinesis.Stream(this, 'Stream', {
        streamMode: kinesis.StreamMode.ON_DEMAND,
        encryption: kinesis.StreamEncryption.MANAGED,
        retentionPeriod: Duration.hours(24),
      });
      this.stream = stream;
      const stack = Stack.of(this);
      const role = new iam.Role(this, 'LogsToKinesis', {
        // Only this account's log groups may make CloudWatch Logs use the role (confused deputy).
        assumedBy: new iam.ServicePrincipal('logs.amazonaws.com', {
          conditions: { StringLike: { 'aws:SourceArn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:*` } },
        }),
        description: 'CloudWatch Logs puts EKS audit events into the kadet stream',
      });
      destination = new logsDestinations.KinesisDestination(stream, { role });
      props.fn.addEventSource(
        new sources.KinesisEventSource(stream, {
          startingPosition: lambda.StartingPosition.TRIM_HORIZON,
          batchSize: 50,
          maxBatchingWindow: Duration.seconds(5),
          bisectBatchOnError: true,
          reportBatchItemFailures: true,
          retryAttempts: 5,
          maxRecordAge: Duration.hours(6),
          onFailure: new sources.SqsDlq(props.onFailure),
        }),
      );
    } else {
      destination = new logsDestinations.LambdaDestination(props.fn);
      props.fn.configureAsyncInvoke({
        retryAttempts: 2,
        maxEventAge: Duration.hours(6),
        onFailure: new destinations.SqsDestination(props.onFailure),
      });
    }
    for (const cluster of props.clusters) {
      new logs.SubscriptionFilter(this, `Filter-${cluster}`, {
        logGroup: logs.LogGroup.fromLogGroupName(this, `Group-${cluster}`, eksLogGroupName(cluster)),
        destination,
        filterPattern: AUDIT_FILTER_PATTERN,
        filterName: `kadet-audit-${cluster}`,
      });
    }
  }
}
