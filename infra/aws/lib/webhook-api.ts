import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/** The route the kube-apiserver's webhook kubeconfig points at: `…/k8s-audit/<cluster>`. */
export const WEBHOOK_ROUTE = '/k8s-audit/{cluster}';

export interface WebhookApiProps {
  /** The onprem-webhook function; it reads the token through the secret's ARN. */
  fn: lambda.Function;
  logRetentionDays: number;
}

/**
 * The on-prem audit webhook: an HTTP API with one route, `POST /k8s-audit/{cluster}`, proxied to the
 * function (payload 2.0), throttled, with access logs. The bearer token the apiserver sends lives in
 * Secrets Manager (generated, letters and digits only, so it pastes into a kubeconfig as is); the
 * function may read that one secret and nothing else there.
 */
export class WebhookApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly token: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: WebhookApiProps) {
    super(scope, id);
    this.token = new secretsmanager.Secret(this, 'Token', {
      description: 'kadet: bearer token the kube-apiserver audit webhook sends (users[].user.token)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
    });
    props.fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [this.token.secretArn] }));

    this.api = new apigw.HttpApi(this, 'Api', { description: 'kadet: Kubernetes audit webhook receiver', createDefaultStage: false });
    this.api.addRoutes({
      path: WEBHOOK_ROUTE,
      methods: [apigw.HttpMethod.POST],
      integration: new HttpLambdaIntegration('Receiver', props.fn, { payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0 }),
    });
    const access = new logs.LogGroup(this, 'AccessLogs', { retention: props.logRetentionDays as logs.RetentionDays, removalPolicy: RemovalPolicy.RETAIN });
    new apigw.HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      // The apiserver sends at most 10 batches/s (burst 15) per replica by default.
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: { destination: new apigw.LogGroupLogDestination(access) },
    });
  }

  /** The URL for one cluster, as it goes in the webhook kubeconfig's clusters[].cluster.server. */
  urlFor(cluster: string): string {
    return `${this.api.apiEndpoint}${WEBHOOK_ROUTE.replace('{cluster}', cluster)}`;
  }

  /** Server errors of the API (the function failed or timed out): the apiserver retries, then drops the batch. */
  metricServerErrors(): ReturnType<apigw.HttpApi['metricServerError']> {
    return this.api.metricServerError({ period: Duration.minutes(5) });
  }
}
