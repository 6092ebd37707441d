// On-prem kube-apiserver --audit-webhook-config-file → API Gateway (REST v1 or HTTP API v2) → this function.
// Payloads over 6 MB never reach it (Lambda's synchronous limit); API Gateway refuses them itself,
// which is why the 413 advice (smaller batches, truncation) matters for this deployment.
import middy from '@middy/core';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import { writeStdout } from '../../shared/alerts/sinks/stdout.ts';
import { createRuntime, type RuntimeDeps } from '../../shared/runtime.ts';
import { readWebhookConfig, TOKEN_VARIABLE } from '../../shared/webhook/config.ts';
import { handleWebhookRequest } from '../../shared/webhook/handle.ts';
import { resolveToken } from '../../shared/webhook/token.ts';
import { coldStart } from '../../shared/instance/cold-start.ts';
import { invocationMetricsLine } from '../aws/metrics.ts';
import { AwsSecretResolver } from '../aws/secrets.ts';
import { formatOf, toProxyResult, toWebhookRequest, type ProxyEvent } from './apigw.ts';

/** Default KADET_WEBHOOK_MAX_BODY_BYTES here: what a synchronous Lambda invocation can carry at all. */
export const LAMBDA_MAX_BODY_BYTES = 6 * 1024 * 1024;

export interface WebhookHandlerOptions {
  /** Default: process.env, read at cold start. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Runtime dependencies (log, write, http, resolver); defaults are the real ones. */
  deps?: RuntimeDeps;
}

/**
 * Builds the handler: answers every request itself (401, 404, 405, 413, 415, 400, 200, or 500 when
 * findings could not be delivered, so the apiserver retries). It throws only at a failed cold start,
 * which API Gateway turns into a 502 that the apiserver also retries.
 */
export function createWebhookHandler(opts: WebhookHandlerOptions = {}) {
  const log = opts.deps?.log ?? writeStdout;
  const init = coldStart(async () => {
    const env = opts.env ?? process.env;
    const config = readWebhookConfig(env, { maxBodyBytes: LAMBDA_MAX_BODY_BYTES });
    const resolver = opts.deps?.resolver ?? new AwsSecretResolver();
    const [runtime, token] = await Promise.all([
      createRuntime(env, { ...opts.deps, resolver, log }),
      config.token === undefined ? undefined : resolveToken(TOKEN_VARIABLE, config.token, resolver),
    ]);
    return { runtime, token, config };
  });
  return middy<ProxyEvent, APIGatewayProxyResult>(async (event: ProxyEvent, context: Context) => {
    const { runtime, token, config } = await init();
    const response = await handleWebhookRequest(toWebhookRequest(event), { runtime, token, maxBodyBytes: config.maxBodyBytes, basePath: config.basePath, log });
    if (response.outcome) {
      // KADET_CLUSTER wins over the path, as it does on the events.
      const properties = { status: response.status };
      log(invocationMetricsLine(response.outcome.summary, { context, cluster: runtime.config.cluster ?? response.cluster, source: `apigateway-${formatOf(event)}`, properties }));
    }
    return toProxyResult(response);
  });
}

/** The Lambda entry point (`functions/onprem-webhook/handler.handler`). */
export const handler = createWebhookHandler();
