import type { Context } from 'aws-lambda';

/** The synthetic context fields kadet reads; a real Lambda context has them all. */
export type InvocationContext = Pick<Context, 'functionName' | 'invokedFunctionArn' | 'awsRequestId'>;

/**
 * The function's region: from its ARN (`arn:aws:lambda:eu-west-1:…`), else AWS_REGION. CloudWatch Logs
 * payloads do not carry a region, and rules and alerts want one.
 */
export function regionOf(context: Partial<InvocationContext>, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const fromArn = context.invokedFunctionArn?.split(':')[3];
  if (fromArn !== undefined && fromArn !== '') return fromArn;
  const fromEnv = env['AWS_REGION']?.trim();
  return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
}
