// EKS audit logs → CloudWatch Logs → (subscription filter | Kinesis) → this function.
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { writeStdout } from '../../shared/alerts/sinks/stdout.ts';
import { createRuntime, type RuntimeDeps } from '../../shared/runtime.ts';
import { coldStart } from '../../shared/instance/cold-start.ts';
import { regionOf } from '../aws/lambda-context.ts';
import { invocationMetricsLine } from '../aws/metrics.ts';
import { AwsSecretResolver } from '../aws/secrets.ts';
import { sourceOf, type KinesisBatchResponse } from './sources.ts';

export interface EksHandlerOptions {
  /** Default: process.env, read at cold start. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Runtime dependencies (log, write, http, resolver); defaults are the real ones. */
  deps?: RuntimeDeps;
}

/**
 * Builds the handler. It returns batchItemFailures for a Kinesis event and nothing for a subscription
 * event; it throws only when findings could not be delivered (so Lambda's async retry redelivers the
 * payload) or when the configuration is invalid. Malformed records are logged rejects, never a retry.
 */
export function createEksHandler(opts: EksHandlerOptions = {}) {
  const log = opts.deps?.log ?? writeStdout;
  const env = (): Readonly<Record<string, string | undefined>> => opts.env ?? process.env;
  const runtime = coldStart(() => createRuntime(env(), { resolver: new AwsSecretResolver(), ...opts.deps, log }));
  return middy<unknown, KinesisBatchResponse | undefined>(async (event: unknown, context: Context) => {
    const rt = await runtime();
    const region = regionOf(context, env());
    const [name, source] = sourceOf(event);
    const run = await source.run(event, rt, rt.adapterContext(region === undefined ? {} : { origin: { region } }));
    log(invocationMetricsLine(run.summary, { context, cluster: run.cluster, source: name, properties: run.properties }));
    if (run.error) throw run.error;
    return run.response;
  });
}

/** The Lambda entry point (`functions/eks-cloudwatch/handler.handler`). */
export const handler = createEksHandler();
