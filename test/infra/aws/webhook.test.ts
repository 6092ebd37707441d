import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { arnOf, functionId, logicalId, refOf, synth } from './support.ts';

describe('kadet stack: on-prem audit webhook', () => {
  const { template } = synth({ clusters: 'prod' });
  const api = logicalId(template, 'AWS::ApiGatewayV2::Api');
  const fn = functionId(template, 'webhook');

  it('is an HTTP API with one route, POST /k8s-audit/{cluster}, proxied to the function (payload 2.0)', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    const integration = logicalId(template, 'AWS::ApiGatewayV2::Integration');
    template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      ApiId: refOf(api),
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: arnOf(fn),
      PayloadFormatVersion: '2.0',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      ApiId: refOf(api),
      RouteKey: 'POST /k8s-audit/{cluster}',
      AuthorizationType: 'NONE',
      Target: { 'Fn::Join': ['', ['integrations/', refOf(integration)]] },
    });
    template.resourceCountIs('AWS::ApiGatewayV2::Route', 1);
  });

  it('lets API Gateway invoke the function for that route only', () => {
    template.hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      FunctionName: arnOf(fn),
      SourceArn: { 'Fn::Join': ['', Match.arrayWith([refOf(api), '/*/*/k8s-audit/{cluster}'])] },
    });
  });

  it('serves the $default stage, throttled, with access logs kept for the retention period', () => {
    const logs = Object.keys(template.findResources('AWS::Logs::LogGroup')).find((id) => id.startsWith('WebhookAccessLogs'))!;
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      ApiId: refOf(api),
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
      AccessLogSettings: { DestinationArn: arnOf(logs), Format: Match.stringLikeRegexp('\\$context.requestId') },
    });
    expect(template.toJSON().Resources[logs].Properties.RetentionInDays).toBe(90);
  });

  it('generates the bearer token in Secrets Manager: 48 letters and digits', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 48, ExcludePunctuation: true, IncludeSpace: false },
    });
  });

  it('lets the function read that secret and no other', () => {
    const secret = logicalId(template, 'AWS::SecretsManager::Secret');
    const role = template.toJSON().Resources[fn].Properties.Role['Fn::GetAtt'][0] as string;
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [refOf(role)],
      PolicyDocument: { Statement: Match.arrayWith([{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: refOf(secret) }]) },
    });
  });

  it('outputs the URL to put in the webhook kubeconfig and the secret to read the token from', () => {
    template.hasOutput('WebhookUrl', { Value: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [api, 'ApiEndpoint'] }, '/k8s-audit/CLUSTER']] } });
    template.hasOutput('WebhookTokenSecret', { Value: refOf(logicalId(template, 'AWS::SecretsManager::Secret')) });
  });

  it('is left out with -c webhook=false', () => {
    const { template: t } = synth({ clusters: 'prod', webhook: 'false' });
    t.resourceCountIs('AWS::ApiGatewayV2::Api', 0);
    t.resourceCountIs('AWS::SecretsManager::Secret', 0);
    t.resourcePropertiesCountIs('AWS::Lambda::Function', { Description: Match.stringLikeRegexp('webhook') }, 0);
  });
});
