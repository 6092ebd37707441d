import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { arnOf, functionId, logicalId, refOf, roleStatements, synth, type Statement } from './support.ts';

type Template = ReturnType<typeof synth>['template'];

const roleOf = (template: Template, which: 'eks' | 'webhook'): string =>
  template.toJSON().Resources[functionId(template, which)].Properties.Role['Fn::GetAtt'][0] as string;

const logGroupOf = (template: Template, which: 'eks' | 'webhook'): string =>
  template.toJSON().Resources[functionId(template, which)].Properties.LoggingConfig.LogGroup.Ref as string;

/** Every (action, resource) pair a role is allowed, however CDK merged the statements. */
function grants(statements: readonly Statement[]): string[] {
  const list = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);
  return statements
    .filter((s) => s.Effect === 'Allow')
    .flatMap((s) => list(s.Action).flatMap((a) => list(s.Resource).map((r) => `${a} ${JSON.stringify(r)}`)))
    .sort();
}
const grant = (action: string, resource: unknown): string => `${action} ${JSON.stringify(resource)}`;

const partialArn = (service: string, rest: string): unknown => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:${service}:`, { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, rest]],
});

describe('kadet stack: least privilege', () => {
  const plain = synth({ clusters: 'prod' }).template;
  const withKinesis = synth({ clusters: 'prod,staging', kinesis: 'true', alertEmail: 'a@example.com' }).template;
  const withSinks = synth({
    clusters: 'prod',
    extraSinks: 'slack:secretsmanager:kadet/slack;min=Error,webhook:https://sidekick.example.com/;header=Authorization:ssm:/kadet/sidekick-token',
    deadLetter: 'sns:arn:aws:sns:eu-west-1:123456789012:kadet-rejects',
  }).template;

  it('the EKS function may write its logs, publish to the topic and fail over to the queue: nothing else', () => {
    const t = plain;
    const queue = arnOf(logicalId(t, 'AWS::SQS::Queue'));
    expect(grants(roleStatements(t, roleOf(t, 'eks')))).toEqual(
      [
        grant('logs:CreateLogStream', arnOf(logGroupOf(t, 'eks'))),
        grant('logs:PutLogEvents', arnOf(logGroupOf(t, 'eks'))),
        grant('sns:Publish', refOf(logicalId(t, 'AWS::SNS::Topic'))),
        grant('sqs:GetQueueAttributes', queue),
        grant('sqs:GetQueueUrl', queue),
        grant('sqs:SendMessage', queue),
      ].sort(),
    );
  });

  it('the webhook function may write its logs, publish to the topic and read its token: nothing else', () => {
    const t = plain;
    expect(grants(roleStatements(t, roleOf(t, 'webhook')))).toEqual(
      [
        grant('logs:CreateLogStream', arnOf(logGroupOf(t, 'webhook'))),
        grant('logs:PutLogEvents', arnOf(logGroupOf(t, 'webhook'))),
        grant('sns:Publish', refOf(logicalId(t, 'AWS::SNS::Topic'))),
        grant('secretsmanager:GetSecretValue', refOf(logicalId(t, 'AWS::SecretsManager::Secret'))),
      ].sort(),
    );
  });

  it('with Kinesis, the EKS function also reads that one stream and cannot write to it', () => {
    const t = withKinesis;
    const stream = JSON.stringify(arnOf(logicalId(t, 'AWS::Kinesis::Stream')));
    const kinesis = grants(roleStatements(t, roleOf(t, 'eks'))).filter((g) => g.startsWith('kinesis:'));
    expect(kinesis.every((g) => g.endsWith(` ${stream}`))).toBe(true);
    expect(kinesis.map((g) => g.split(' ')[0])).toEqual(expect.arrayContaining(['kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:DescribeStream']));
    expect(kinesis.some((g) => /kinesis:Put/.test(g))).toBe(false);
  });

  it('grants exactly the secrets, parameters and topics the sink settings reference', () => {
    const t = withSinks;
    for (const which of ['eks', 'webhook'] as const) {
      const g = grants(roleStatements(t, roleOf(t, which)));
      expect(g).toEqual(
        expect.arrayContaining([
          grant('secretsmanager:GetSecretValue', partialArn('secretsmanager', ':secret:kadet/slack-??????')),
          grant('ssm:GetParameter', partialArn('ssm', ':parameter/kadet/sidekick-token')),
          grant('sns:Publish', 'arn:aws:sns:eu-west-1:123456789012:kadet-rejects'),
        ]),
      );
      expect(g.filter((x) => x.startsWith('ssm:') || x.includes('kadet/slack'))).toHaveLength(2);
    }
  });

  it.each([
    ['plain', plain],
    ['Kinesis', withKinesis],
    ['extra sinks', withSinks],
  ])('%s: no statement allows an action on every resource, and no role has a managed policy', (_name, t) => {
    const all = Object.values(t.findResources('AWS::IAM::Policy')).flatMap(
      (p) => (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement,
    );
    expect(all.length).toBeGreaterThan(0);
    expect(grants(all).filter((g) => g.endsWith(' "*"'))).toEqual([]);
    t.allResourcesProperties('AWS::IAM::Role', { ManagedPolicyArns: Match.absent() });
  });
});
