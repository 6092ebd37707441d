import { ReplayAuthError, ReplayError, shortMessage } from '../errors.ts';

// Error names the AWS SDK gives a request refused for its credentials, and the credential chain's own failures.
const AUTH_ERRORS: ReadonlySet<string> = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'AccessDeniedException',
  'ExpiredTokenException',
  'ExpiredToken',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'InvalidClientTokenId',
  'CredentialsProviderError',
  'TokenProviderError',
]);

const THROTTLING: ReadonlySet<string> = new Set(['ThrottlingException', 'LimitExceededException', 'TooManyRequestsException']);

const FIX =
  'Check the AWS credential chain (AWS_PROFILE, `aws sso login`, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or the instance/task role) ' +
  'and that the principal may call logs:FilterLogEvents, logs:DescribeLogGroups (and logs:StartQuery/logs:GetQueryResults for --insights) on the log group';

/**
 * Turns an SDK error into a ReplayError that says where and what to do; an abort passes through unchanged.
 * `secrets` are the credential values in use, hidden from the message (as is anything shaped like one).
 */
export function awsError(err: unknown, where: string, secrets: readonly string[] = []): unknown {
  const name = (err as { name?: unknown } | null)?.name;
  if (typeof name !== 'string' || name === 'AbortError') return err;
  const text = shortMessage(err, secrets);
  if (AUTH_ERRORS.has(name)) return new ReplayAuthError('aws', where, `${name}: ${text}`, FIX, { cause: err });
  if (name === 'ResourceNotFoundException') {
    return new ReplayError('aws', `${where}: ${text}. Is audit logging enabled on the cluster (aws eks update-cluster-config --logging '{"clusterLogging":[{"types":["audit"],"enabled":true}]}')?`, { cause: err });
  }
  if (THROTTLING.has(name)) return new ReplayError('aws', `${where} is still throttling after the SDK's retries (${name}); try again later or use a shorter range`, { cause: err });
  return new ReplayError('aws', `${where}: ${name}: ${text}`, { cause: err });
}
