import { ReplayAuthError, ReplayError } from '../errors.ts';
import { callAws, type AwsLogs } from './aws-client.ts';

/** The EKS control-plane log group of a cluster. */
export const eksLogGroup = (cluster: string): string => `/aws/eks/${cluster}/cluster`;

// EKS cluster names: 1-100 characters, alphanumerics, hyphens and underscores, starting with an alphanumeric.
const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

/** True for a name EKS accepts. */
export const isEksClusterName = (name: string): boolean => CLUSTER_NAME.test(name);

/**
 * Checks the log group exists and returns its account (from its ARN), which the subscription payload's
 * `owner` carries and FilterLogEvents does not. A principal without logs:DescribeLogGroups still replays,
 * without the account in the origin.
 */
export async function lookupLogGroup(logs: AwsLogs, logGroupName: string, signal?: AbortSignal): Promise<{ account?: string }> {
  let out;
  try {
    out = await callAws(logs, `DescribeLogGroups ${logGroupName}`, (o) => logs.client.send(new logs.sdk.DescribeLogGroupsCommand({ logGroupNamePrefix: logGroupName }), o), signal);
  } catch (err) {
    if (err instanceof ReplayAuthError && (err.cause as { name?: string } | undefined)?.name === 'AccessDeniedException') return {};
    throw err;
  }
  const group = (out.logGroups ?? []).find((g) => g.logGroupName === logGroupName);
  if (group === undefined) {
    throw new ReplayError('aws', `${logs.where}: log group ${logGroupName} not found. Is the cluster name right, and is audit logging enabled (aws eks update-cluster-config --logging '{"clusterLogging":[{"types":["audit"],"enabled":true}]}')?`);
  }
  const account = /^arn:[^:]+:logs:[^:]*:(\d{12}):/.exec(group.arn ?? '')?.[1];
  return account === undefined ? {} : { account };
}
