import { ReplayAuthError, ReplayError, shortMessage } from '../errors.ts';

// @azure/identity's errors when no credential in the chain worked.
const CREDENTIAL_ERRORS: ReadonlySet<string> = new Set(['CredentialUnavailableError', 'AuthenticationError', 'AggregateAuthenticationError', 'AuthenticationRequiredError']);

const FIX =
  'Sign in with `az login`, set AZURE_TENANT_ID/AZURE_CLIENT_ID with AZURE_CLIENT_SECRET (or a federated token), or run with a managed identity; ' +
  'the identity needs the Log Analytics Reader role on the workspace';

/** An SDK or credential error as a ReplayError naming the workspace and the fix; credentials in its text are hidden. */
export function azureError(err: unknown, where: string, secrets: readonly string[] = []): unknown {
  const e = err as { name?: unknown; statusCode?: unknown; code?: unknown } | null;
  if (e?.name === 'AbortError') return err;
  const status = typeof e?.statusCode === 'number' ? e.statusCode : undefined;
  const text = withInnerMessage(shortMessage(err, secrets), (e as { details?: { error?: unknown } } | null)?.details?.error, secrets);
  if (status === 401 || status === 403) return new ReplayAuthError('azure', where, `HTTP ${status}${typeof e?.code === 'string' ? ` ${shortMessage(e.code, secrets, 80)}` : ''}: ${text}`, FIX, { cause: err });
  if (typeof e?.name === 'string' && CREDENTIAL_ERRORS.has(e.name)) return new ReplayAuthError('azure', where, `no usable credentials (${e.name}): ${text}`, FIX, { cause: err });
  if (status === 429) return new ReplayError('azure', `${where} is still throttling after the client's retries (HTTP 429); try again later or use a shorter range`, { cause: err });
  if (status === 400 && /resolve table|could not be resolved|semantic|failed to resolve/i.test(text)) {
    return new ReplayError('azure', `${where}: ${text}. Diagnostic settings write AKSAudit/AKSAuditAdmin in resource-specific mode and AzureDiagnostics otherwise: try the other --mode`, { cause: err });
  }
  if (status === 404) return new ReplayError('azure', `${where}: workspace not found (HTTP 404): --workspace takes the workspace ID (a GUID), not its name`, { cause: err });
  return new ReplayError('azure', `${where}: ${status !== undefined ? `HTTP ${status}: ` : ''}${text}`, { cause: err });
}

/** Log Analytics nests the useful words (`Failed to resolve table …`) in innererror: add the deepest one. */
function withInnerMessage(text: string, error: unknown, secrets: readonly string[]): string {
  let deepest: string | undefined;
  for (let e = error as { message?: unknown; innererror?: unknown } | undefined, depth = 0; e && depth < 5; e = e.innererror as typeof e, depth++) {
    if (typeof e.message === 'string' && e.message !== '') deepest = e.message;
  }
  return deepest !== undefined && !text.includes(deepest) ? `${text}: ${shortMessage(new Error(deepest), secrets)}` : text;
}
