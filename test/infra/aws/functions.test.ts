import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { arnOf, functionId, logicalId, refOf, synth } from './support.ts';

describe('kadet stack: the Lambda functions', () => {
  const { template } = synth({ clusters: 'prod' });
  const topic = logicalId(template, 'AWS::SNS::Topic');

  it.each([
    ['^kadet: EKS audit events', 300, 512],
    ['^kadet: kube-apiserver audit webhook', 29, 1024],
  ] as const)('runs the bundle described %s on nodejs22.x arm64 as index.handler', (description, timeout, memory) => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp(description),
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Architectures: ['arm64'],
      Timeout: timeout,
      MemorySize: memory,
      RecursiveLoop: 'Terminate',
      Code: { S3Bucket: Match.anyValue(), S3Key: Match.stringLikeRegexp('\\.zip$') },
    });
  });

  it('publishes to the alert topic: KADET_SINKS starts with sns:<topic ARN>', () => {
    for (const which of ['eks', 'webhook'] as const) {
      const fn = template.toJSON().Resources[functionId(template, which)];
      expect(fn.Properties.Environment.Variables.KADET_SINKS).toEqual({ 'Fn::Join': ['', ['sns:', refOf(topic)]] });
    }
  });

  it('hands the webhook its token as a Secrets Manager reference, never the value', () => {
    const secret = logicalId(template, 'AWS::SecretsManager::Secret');
    const fn = template.toJSON().Resources[functionId(template, 'webhook')];
    expect(fn.Properties.Environment.Variables.KADET_WEBHOOK_TOKEN).toEqual({ 'Fn::Join': ['', ['secretsmanager:', refOf(secret)]] });
    const eks = template.toJSON().Resources[functionId(template, 'eks')];
    expect(eks.Properties.Environment.Variables.KADET_WEBHOOK_TOKEN).toBeUndefined();
  });

  it('passes minPriority, extra sinks and the dead-letter targets through to both functions', () => {
    const { template: t } = synth({
      clusters: 'prod',
      minPriority: 'warning',
      extraSinks: 'slack:secretsmanager:kadet/slack;min=Error',
      deadLetter: 'sns:arn:aws:sns:eu-west-1:123456789012:kadet-rejects',
    });
    for (const which of ['eks', 'webhook'] as const) {
      const vars = t.toJSON().Resources[functionId(t, which)].Properties.Environment.Variables;
      expect(vars.KADET_MIN_PRIORITY).toBe('Warning');
      expect(vars.KADET_SINKS['Fn::Join'][1]).toEqual(['sns:', { Ref: logicalId(t, 'AWS::SNS::Topic') }, ',slack:secretsmanager:kadet/slack;min=Error']);
      expect(vars.KADET_DEAD_LETTER).toBe('sns:arn:aws:sns:eu-west-1:123456789012:kadet-rejects');
    }
  });

  it('gives each function its own log group with the configured retention, kept on delete', () => {
    for (const which of ['eks', 'webhook'] as const) {
      const fn = template.toJSON().Resources[functionId(template, which)];
      const group = fn.Properties.LoggingConfig.LogGroup.Ref as string;
      template.hasResource('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 90 }, DeletionPolicy: 'Retain' });
      expect(template.toJSON().Resources[group]).toMatchObject({ Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 90 } });
    }
    const { template: t } = synth({ clusters: 'prod', logRetentionDays: '365' });
    t.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
  });

  it('runs with roles of its own: no managed policies, trusted by Lambda only', () => {
    for (const which of ['eks', 'webhook'] as const) {
      const fn = template.toJSON().Resources[functionId(template, which)];
      const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
      const role = template.toJSON().Resources[roleId];
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } }]);
      expect(fn.Properties.Role).toEqual(arnOf(roleId));
    }
  });
});
