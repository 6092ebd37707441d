// SDK and server error text goes into replay messages: it can quote a presigned URL, a header, a token.
// Everything a cloud error says passes through here before it is shown.
import { HIDDEN, scrub } from '../alerts/redact.ts';

// Shapes of credentials whatever their value: AWS key ids and SigV4 query/header parts, bearer and
// Google OAuth access tokens, JWTs (Azure AD tokens), and the `sig=`/`token=` of SAS and signed URLs.
const PATTERNS: readonly [RegExp, string][] = [
  [/\b(?:AKIA|ASIA)[A-Z0-9]{12,}\b/g, HIDDEN],
  [/((?:X-Amz-)?Signature=)[^&\s,;"']+/gi, `$1${HIDDEN}`],
  [/(X-Amz-Security-Token=)[^&\s,;"']+/gi, `$1${HIDDEN}`],
  [/((?:X-Amz-)?Credential=)[^&\s,;"']+/gi, `$1${HIDDEN}`],
  [/(Bearer\s+)[^\s,;"']+/gi, `$1${HIDDEN}`],
  [/\bya29\.[\w.-]+/g, HIDDEN],
  [/\beyJ[\w-]*\.[\w-]*\.[\w-]*/g, HIDDEN],
  [/(^|[?&;,\s])((?:sig|token|access_token|X-Goog-Signature)=)[^&\s,;"']+/gi, `$1$2${HIDDEN}`],
];

/** `text` with the given secrets (and their encoded forms) and every credential-shaped part replaced by ***. */
export function redactCredentials(text: string, secrets: readonly string[] = []): string {
  let out = scrub(text, secrets);
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Credential values this process holds in its environment (what the SDK credential chains read first). */
export function environmentSecrets(env: NodeJS.ProcessEnv = process.env): string[] {
  const names = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PASSWORD', 'GOOGLE_OAUTH_ACCESS_TOKEN'];
  return names.map((n) => env[n]).filter((v): v is string => typeof v === 'string' && v !== '');
}
