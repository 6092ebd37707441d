import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { arnOf, functionId, logicalId, refOf, roleStatements, synth } from './support.ts';

const AUDIT_PATTERN = '{ ($.kind = "Event") && ($.apiVersion = "audit.k8s.io/v1") }';

describe('kadet stack: EKS audit logs, direct subscription', () => {
  const { template } = synth({ clusters: 'prod,staging' });
  const eks = functionId(template, 'eks');
  const queue = logicalId(template, 'AWS::SQS::Queue');

  it.each(['prod', 'staging'])('subscribes the function to /aws/eks/%s/cluster, audit events only', (cluster) => {
    template.hasResourceProperties('AWS::Logs::SubscriptionFilter', {
      LogGroupName: `/aws/eks/${cluster}/cluster`,
      FilterName: `kadet-audit-${cluster}`,
      FilterPattern: AUDIT_PATTERN,
      DestinationArn: arnOf(eks),
      RoleArn: Match.absent(),
    });
  });

  it.each(['prod', 'staging'])('lets CloudWatch Logs invoke the function from the %s log group only', (cluster) => {
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'logs.amazonaws.com',
      FunctionName: arnOf(eks),
      SourceArn: {
        'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:log-group:/aws/eks/${cluster}/cluster:*`]],
      },
    });
  });

  it('retries an asynchronous invocation twice, then sends it to the on-failure queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: refOf(eks),
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 6 * 3600,
      DestinationConfig: { OnFailure: { Destination: arnOf(queue) } },
    });
  });

  it('makes no stream and no event source mapping', () => {
    template.resourceCountIs('AWS::Kinesis::Stream', 0);
    template.resourceCountIs('AWS::Lambda::EventSourceMapping', 0);
  });

  it('subscribes nothing and warns when no cluster is given', () => {
    const { stack, template: none } = synth({});
    none.resourceCountIs('AWS::Logs::SubscriptionFilter', 0);
    const warnings = stack.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data));
    expect(warnings.some((w) => w.includes('-c clusters='))).toBe(true);
  });
});

describe('kadet stack: EKS audit logs through Kinesis', () => {
  const { template } = synth({ clusters: 'prod,staging', kinesis: 'true' });
  const eks = functionId(template, 'eks');
  const queue = logicalId(template, 'AWS::SQS::Queue');
  const stream = logicalId(template, 'AWS::Kinesis::Stream');

  it('creates an encrypted on-demand stream', () => {
    template.hasResourceProperties('AWS::Kinesis::Stream', {
      StreamModeDetails: { StreamMode: 'ON_DEMAND' },
      StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
      RetentionPeriodHours: 24,
    });
  });

  it.each(['prod', 'staging'])('points the %s subscription filter at the stream through one CloudWatch Logs role', (cluster) => {
    const role = logicalId(template, 'AWS::IAM::Role', { Description: Match.stringLikeRegexp('CloudWatch Logs puts') });
    template.hasResourceProperties('AWS::Logs::SubscriptionFilter', {
      LogGroupName: `/aws/eks/${cluster}/cluster`,
      FilterPattern: AUDIT_PATTERN,
      DestinationArn: arnOf(stream),
      RoleArn: arnOf(role),
    });
  });

  it('lets only CloudWatch Logs of this account assume the role, and only to put records into the stream', () => {
    const roleId = logicalId(template, 'AWS::IAM::Role', { Description: Match.stringLikeRegexp('CloudWatch Logs puts') });
    const role = template.toJSON().Resources[roleId];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { Service: 'logs.amazonaws.com' },
        Condition: {
          StringLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':*']] } },
        },
      },
    ]);
    expect(roleStatements(template, roleId)).toEqual([
      { Effect: 'Allow', Action: ['kinesis:ListShards', 'kinesis:PutRecord', 'kinesis:PutRecords'], Resource: arnOf(stream) },
      { Effect: 'Allow', Action: 'iam:PassRole', Resource: arnOf(roleId) },
    ]);
  });

  it('reads the stream with partial batch failures, bisection and the on-failure queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: refOf(eks),
      EventSourceArn: arnOf(stream),
      StartingPosition: 'TRIM_HORIZON',
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 5,
      MaximumRecordAgeInSeconds: 6 * 3600,
      DestinationConfig: { OnFailure: { Destination: arnOf(queue) } },
    });
  });

  it('does not configure asynchronous invocation (Kinesis polls synchronously)', () => {
    template.resourceCountIs('AWS::Lambda::EventInvokeConfig', 0);
    template.resourcePropertiesCountIs('AWS::Lambda::Permission', { Principal: 'logs.amazonaws.com' }, 0);
  });

  it('alarms when the function falls 10 minutes behind the stream', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'IteratorAge',
      Dimensions: [{ Name: 'FunctionName', Value: refOf(eks) }],
      Statistic: 'Maximum',
      Threshold: 600_000,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [refOf(logicalId(template, 'AWS::SNS::Topic'))],
    });
  });
});
