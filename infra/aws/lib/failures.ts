import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface FailuresProps {
  /** Where alarms notify. */
  topic: sns.ITopic;
}

/**
 * What happens when kadet cannot process something: the on-failure queue (events Lambda gave up on
 * after its retries: async invocations and Kinesis batches) and the alarms that say so. An alarm
 * fires on any function error and on any message waiting in the queue; both notify the alert topic.
 */
export class Failures extends Construct {
  readonly queue: sqs.Queue;
  private readonly action: actions.SnsAction;

  constructor(scope: Construct, id: string, props: FailuresProps) {
    super(scope, id);
    this.action = new actions.SnsAction(props.topic);
    this.queue = new sqs.Queue(this, 'Queue', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    this.alarm(
      'DeadLetterDepth',
      this.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM }),
      'kadet: events are waiting in the on-failure queue (Lambda gave up on them; see the message body for the error)',
    );
  }

  /** Alarms on any error of `fn` in a 5-minute window. */
  watchErrors(id: string, fn: lambda.IFunction, what: string): cloudwatch.Alarm {
    return this.alarm(id, fn.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM }), `kadet: ${what} failed (see its log group)`);
  }

  /** Alarms when `metric` reaches `threshold` (default 1) in one period; missing data is fine. */
  alarm(id: string, metric: cloudwatch.IMetric, description: string, threshold = 1): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }
}
