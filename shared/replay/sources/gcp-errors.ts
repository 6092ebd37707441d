import { ReplayAuthError, ReplayError, shortMessage } from '../errors.ts';

// gRPC codes (google-gax maps HTTP answers of the REST transport to these).
const PERMISSION_DENIED = 7;
const RESOURCE_EXHAUSTED = 8;
const UNAUTHENTICATED = 16;

const FIX =
  'Sign in with `gcloud auth application-default login`, or set GOOGLE_APPLICATION_CREDENTIALS to a service-account key, ' +
  'or run where a service account is attached; the principal needs roles/logging.privateLogViewer on the project (Data Access audit logs are private logs)';

const codeOf = (err: unknown): unknown => (err as { code?: unknown } | null)?.code;

/** Cloud Logging's quota answer (entries.list allows 60 requests a minute per project): worth waiting for. */
export const isGcpThrottled = (err: unknown): boolean => codeOf(err) === RESOURCE_EXHAUSTED;

/** An SDK or credential-chain error as a ReplayError saying where and how to fix it; credentials in its text are hidden. */
export function gcpError(err: unknown, where: string, secrets: readonly string[] = []): unknown {
  if ((err as { name?: unknown } | null)?.name === 'AbortError') return err;
  const code = codeOf(err);
  const text = shortMessage(err, secrets);
  if (code === UNAUTHENTICATED || code === PERMISSION_DENIED) return new ReplayAuthError('gcp', where, `${code === UNAUTHENTICATED ? 'UNAUTHENTICATED' : 'PERMISSION_DENIED'}: ${text}`, FIX, { cause: err });
  // google-auth-library's words when the credential chain found nothing or could not get a token.
  if (/default credentials|could not refresh access token|invalid_grant|unable to detect a project id/i.test(text)) {
    return new ReplayAuthError('gcp', where, `no usable credentials: ${text}`, FIX, { cause: err });
  }
  if (code === RESOURCE_EXHAUSTED) return new ReplayError('gcp', `${where} is still over quota after retrying (RESOURCE_EXHAUSTED); try again in a few minutes or use a shorter range`, { cause: err });
  return new ReplayError('gcp', `${where}: ${typeof code === 'number' ? `code ${code}: ` : ''}${text}`, { cause: err });
}
