import { Annotations, CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { join } from 'node:path';
import type { Construct } from 'constructs';
import { KADET_NAMESPACE } from '../../../shared/metrics/emf.ts';
import { TOKEN_VARIABLE } from '../../../shared/webhook/config.ts';
import { Alerting } from './alerting.ts';
import { Failures } from './failures.ts';
import { KadetFunction } from './function.ts';
import type { KadetSettings } from './settings.ts';
import { parseSinkSettings, sinkStatements } from './sink-access.ts';
import { EksAuditSubscription, eksLogGroupName } from './subscription.ts';
import { WebhookApi } from './webhook-api.ts';

export interface KadetStackProps extends StackProps {
  settings: KadetSettings;
  /** Folder with one bundle folder per function (`npm run build:functions` writes dist/functions). */
  functionsDir: string;
}

/**
 * kadet on AWS: EKS audit logs (CloudWatch Logs subscription, optionally through Kinesis) and the
 * on-prem audit webhook (HTTP API) feed two Lambda functions that publish findings to one SNS topic.
 * Environment-agnostic and free of lookups, so `cdk synth` runs offline.
 */
export class KadetStack extends Stack {
  readonly alerting: Alerting;
  readonly failures: Failures;

  constructor(scope: Construct, id: string, props: KadetStackProps) {
    super(scope, id, props);
    const { settings } = props;
    this.alerting = new Alerting(this, 'Alerting', settings.alertEmail === undefined ? {} : { email: settings.alertEmail });
    this.failures = new Failures(this, 'Failures', { topic: this.alerting.topic });

    const specs = parseSinkSettings(settings.extraSinks, settings.deadLetter);
    const environment: Record<string, string> = {
      KADET_SINKS: [`sns:${this.alerting.topic.topicArn}`, ...(settings.extraSinks === undefined ? [] : [settings.extraSinks])].join(','),
      ...(settings.minPriority === undefined ? {} : { KADET_MIN_PRIORITY: settings.minPriority }),
      ...(settings.deadLetter === undefined ? {} : { KADET_DEAD_LETTER: settings.deadLetter }),
    };
    const grantSinks = (fn: KadetFunction): void => {
      this.alerting.topic.grantPublish(fn.role);
      for (const statement of sinkStatements(this, specs)) fn.role.addToPolicy(statement);
    };

    const eks = new KadetFunction(this, 'EksCloudWatch', {
      codeDir: join(props.functionsDir, 'eks-cloudwatch'),
      description: 'kadet: EKS audit events from CloudWatch Logs (subscription or Kinesis) → rules → findings',
      environment: { ...environment },
      timeout: Duration.minutes(5),
      memorySize: 512,
      logRetentionDays: settings.logRetentionDays,
    });
    grantSinks(eks);
    new EksAuditSubscription(this, 'Subscription', { fn: eks.function, clusters: settings.clusters, onFailure: this.failures.queue, kinesis: settings.kinesis });
    this.failures.watchErrors('EksCloudWatchErrors', eks.function, 'the eks-cloudwatch function');
    this.watchDelivery('EksCloudWatchDeliveryFailures', eks);
    if (settings.kinesis) {
      this.failures.alarm(
        'EksKinesisIteratorAge',
        eks.function.metric('IteratorAge', { period: Duration.minutes(5), statistic: 'Maximum' }),
        'kadet: the eks-cloudwatch function is more than 10 minutes behind the Kinesis stream',
        Duration.minutes(10).toMilliseconds(),
      );
    }
    if (settings.clusters.length === 0) {
      Annotations.of(this).addWarningV2('kadet:no-clusters', 'no EKS clusters: pass -c clusters=name1,name2 to subscribe to their audit logs');
    }
    for (const c of settings.clusters) new CfnOutput(this, `LogGroup-${c}`, { value: eksLogGroupName(c), description: `audit logs of ${c}` });

    if (settings.webhook) {
      const webhookFn = new KadetFunction(this, 'OnpremWebhook', {
        codeDir: join(props.functionsDir, 'onprem-webhook'),
        description: 'kadet: kube-apiserver audit webhook (EventList over HTTPS) → rules → findings',
        environment: { ...environment },
        // API Gateway waits at most 30 s for the integration.
        timeout: Duration.seconds(29),
        memorySize: 1024,
        logRetentionDays: settings.logRetentionDays,
      });
      grantSinks(webhookFn);
      const webhook = new WebhookApi(this, 'Webhook', { fn: webhookFn.function, logRetentionDays: settings.logRetentionDays });
      webhookFn.function.addEnvironment(TOKEN_VARIABLE, `secretsmanager:${webhook.token.secretArn}`);
      this.failures.watchErrors('OnpremWebhookErrors', webhookFn.function, 'the onprem-webhook function');
      this.watchDelivery('OnpremWebhookDeliveryFailures', webhookFn);
      this.failures.alarm('WebhookServerErrors', webhook.metricServerErrors(), 'kadet: the audit webhook answered 5xx (the apiserver retries, then drops the batch)');
      new CfnOutput(this, 'WebhookUrl', { value: webhook.urlFor('CLUSTER'), description: 'replace CLUSTER with the cluster name; goes in the webhook kubeconfig' });
      new CfnOutput(this, 'WebhookTokenSecret', { value: webhook.token.secretArn, description: 'aws secretsmanager get-secret-value --secret-id <this> --query SecretString' });
    }

    new CfnOutput(this, 'AlertTopic', { value: this.alerting.topic.topicArn });
    new CfnOutput(this, 'FailureQueue', { value: this.failures.queue.queueUrl });
  }

  /**
   * Sinks or dead-letter targets that still failed after retries, from the functions' EMF lines
   * (namespace Kadet, dimension FunctionName). The invocation fails too, so Lambda retries; this
   * names the cause when a Slack webhook or a second topic is the one refusing.
   */
  private watchDelivery(id: string, fn: KadetFunction): void {
    const metric = new cloudwatch.Metric({
      namespace: KADET_NAMESPACE,
      metricName: 'DeliveryFailures',
      dimensionsMap: { FunctionName: fn.function.functionName },
      statistic: cloudwatch.Stats.SUM,
      period: Duration.minutes(5),
    });
    this.failures.alarm(id, metric, `kadet: ${fn.node.id} could not deliver findings to a sink after retries (see its log group)`);
  }
}
