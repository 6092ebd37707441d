import { HIDDEN } from '../alerts/redact.ts';
import type { SecretResolver } from '../alerts/sinks/secrets.ts';
import type { Ref, SecretStore } from '../alerts/sinks/types.ts';
import { ConfigError } from '../config.ts';

/** Shortest token accepted: a guessable token would make the webhook an open door. */
export const MIN_TOKEN_LENGTH = 16;

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const STORES: ReadonlyMap<string, SecretStore> = new Map([
  ['ssm', 'ssm'],
  ['secretsmanager', 'secretsmanager'],
]);

/**
 * Parses a token setting in the forms KADET_SINKS targets take: `env:NAME` (read now), `ssm:/param` or
 * `secretsmanager:id` (resolved at cold start), or the token itself. `shown` never contains the token.
 */
export function parseTokenRef(variable: string, text: string, env: Readonly<Record<string, string | undefined>>): Ref {
  const t = text.trim();
  const colon = t.indexOf(':');
  const kind = colon === -1 ? '' : t.slice(0, colon);
  const rest = t.slice(colon + 1);
  if (kind === 'env') {
    if (!ENV_NAME.test(rest)) throw new ConfigError(variable, 'env: needs a variable name');
    const value = env[rest]?.trim();
    if (value === undefined || value === '') throw new ConfigError(variable, `env:${rest} is not set`);
    return { kind: 'value', value: checkToken(variable, value), shown: `env:${rest}` };
  }
  const store = STORES.get(kind);
  if (store !== undefined) {
    if (rest === '') throw new ConfigError(variable, `${kind}: needs a name`);
    return { kind: 'secret', store, id: rest, shown: `${kind}:${rest}` };
  }
  return { kind: 'value', value: checkToken(variable, t), shown: HIDDEN };
}

/** The token a Ref stands for, looked up once through the resolver when it lives in SSM or Secrets Manager. */
export async function resolveToken(variable: string, ref: Ref, resolver: SecretResolver | undefined): Promise<string> {
  if (ref.kind === 'value') return ref.value;
  if (resolver === undefined) throw new ConfigError(variable, `${ref.shown} needs a secret resolver, and none is configured here`);
  let value: string;
  try {
    value = await resolver.resolve(ref.store, ref.id);
  } catch (err) {
    // A failed lookup holds no secret value; its name (ParameterNotFound, AccessDeniedException) says why.
    const why = err instanceof Error ? (err.name === 'Error' ? err.message : err.name) : 'lookup failed';
    throw new ConfigError(variable, `could not resolve ${ref.shown}: ${why}`);
  }
  return checkToken(variable, value.trim(), ref.shown);
}

/** A usable bearer token: visible ASCII without spaces (it travels in a header), long enough not to be guessed. */
export function checkToken(variable: string, token: string, shown = 'the token'): string {
  if (!/^[\x21-\x7e]+$/.test(token)) throw new ConfigError(variable, `${shown} must be visible ASCII without spaces (it is sent as "Authorization: Bearer <token>")`);
  if (token.length < MIN_TOKEN_LENGTH) throw new ConfigError(variable, `${shown} is shorter than ${MIN_TOKEN_LENGTH} characters; generate one with: openssl rand -hex 32`);
  return token;
}
