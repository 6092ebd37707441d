import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { arnOf, functionId, logicalId, refOf, synth } from './support.ts';

describe('kadet stack: alert topic', () => {
  it('subscribes the e-mail address when one is given', () => {
    const { template } = synth({ clusters: 'prod', alertEmail: 'secops@example.com' });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'secops@example.com',
      TopicArn: refOf(logicalId(template, 'AWS::SNS::Topic')),
    });
  });

  it('has no subscription at all without one', () => {
    const { template } = synth({ clusters: 'prod' });
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('refuses publishing without TLS and lets only this account’s alarms publish as CloudWatch', () => {
    const { template } = synth({ clusters: 'prod' });
    const topic = logicalId(template, 'AWS::SNS::Topic');
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [refOf(topic)],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Sid: 'AllowThisAccountsAlarms',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: refOf(topic),
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, ArnLike: { 'aws:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });
});

describe('kadet stack: on-failure queue and alarms', () => {
  const { template } = synth({ clusters: 'prod' });
  const topic = logicalId(template, 'AWS::SNS::Topic');
  const queue = logicalId(template, 'AWS::SQS::Queue');
  const toTopic = { AlarmActions: [refOf(topic)], ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 1, TreatMissingData: 'notBreaching' };

  it('keeps failed events 14 days, encrypted, TLS only', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { MessageRetentionPeriod: 14 * 86400, SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [refOf(queue)],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('alarms on any message waiting in the queue', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...toTopic,
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queue, 'QueueName'] } }],
      Statistic: 'Maximum',
      Period: 300,
      Threshold: 1,
    });
  });

  it.each(['eks', 'webhook'] as const)('alarms on any error of the %s function', (which) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...toTopic,
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: refOf(functionId(template, which)) }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
    });
  });

  it.each(['eks', 'webhook'] as const)('alarms when the %s function reports sink delivery failures (EMF, namespace Kadet)', (which) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...toTopic,
      Namespace: 'Kadet',
      MetricName: 'DeliveryFailures',
      Dimensions: [{ Name: 'FunctionName', Value: refOf(functionId(template, which)) }],
      Statistic: 'Sum',
      Threshold: 1,
    });
  });

  it('alarms on 5xx answers of the webhook API', () => {
    const api = logicalId(template, 'AWS::ApiGatewayV2::Api');
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...toTopic,
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: [{ Name: 'ApiId', Value: refOf(api) }],
    });
  });

  it('lets the EKS function send to the queue it fails over to', () => {
    const fn = template.toJSON().Resources[functionId(template, 'eks')];
    const role = fn.Properties.Role['Fn::GetAtt'][0] as string;
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [refOf(role)],
      PolicyDocument: { Statement: Match.arrayWith([{ Effect: 'Allow', Action: ['sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:SendMessage'], Resource: arnOf(queue) }]) },
    });
    expect(queue).toMatch(/^Failures/);
  });
});
