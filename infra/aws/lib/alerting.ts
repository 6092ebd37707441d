import { Arn, ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlertingProps {
  /** Subscribed to the topic when given; AWS sends a confirmation e-mail first. */
  email?: string;
}

/**
 * The SNS topic findings are published to (the functions' `sns:` sink) and the alarms notify. An
 * e-mail subscriber receives kadet's plain-text body; message attributes (priority, rule, cluster)
 * let other subscribers filter. Publishing requires TLS.
 */
export class Alerting extends Construct {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlertingProps = {}) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', { displayName: 'kadet alerts', enforceSSL: true });
    // A topic policy replaces the default one, whose same-account allow is what lets CloudWatch alarms
    // publish: grant that back, to this account's alarms only.
    const stack = Stack.of(this);
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowThisAccountsAlarms',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': Arn.format({ service: 'cloudwatch', resource: 'alarm', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME }, stack) },
        },
      }),
    );
    if (props.email !== undefined) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
  }
}
