import type { Ref } from '../alerts/sinks/types.ts';
import { ConfigError } from '../config.ts';
import { DEFAULT_WEBHOOK_PATH, normalizeBasePath } from './route.ts';
import { parseTokenRef } from './token.ts';

type Env = Readonly<Record<string, string | undefined>>;

export const TOKEN_VARIABLE = 'KADET_WEBHOOK_TOKEN';
export const AUTH_VARIABLE = 'KADET_WEBHOOK_AUTH';
export const MAX_BODY_VARIABLE = 'KADET_WEBHOOK_MAX_BODY_BYTES';
export const PATH_VARIABLE = 'KADET_WEBHOOK_PATH';

/** The webhook's own settings, validated at cold start beside the runtime's KadetConfig. */
export interface WebhookConfig {
  /** The bearer token, or where to fetch it; undefined only with KADET_WEBHOOK_AUTH=none. */
  token: Ref | undefined;
  maxBodyBytes: number;
  basePath: string;
}

const PATH = /^\/[A-Za-z0-9._~/-]*$/;

/**
 * Reads KADET_WEBHOOK_TOKEN (required unless KADET_WEBHOOK_AUTH=none, for an API Gateway that
 * authenticates callers itself), KADET_WEBHOOK_MAX_BODY_BYTES and KADET_WEBHOOK_PATH.
 */
export function readWebhookConfig(env: Env, defaults: { maxBodyBytes: number }): WebhookConfig {
  const auth = env[AUTH_VARIABLE]?.trim() || 'token';
  if (auth !== 'token' && auth !== 'none') throw new ConfigError(AUTH_VARIABLE, `expected token or none, got "${auth.slice(0, 20)}"`);
  const tokenText = env[TOKEN_VARIABLE]?.trim() || undefined;
  if (auth === 'none' && tokenText !== undefined) throw new ConfigError(AUTH_VARIABLE, `is none but ${TOKEN_VARIABLE} is set; unset one of them`);
  if (auth === 'token' && tokenText === undefined) {
    throw new ConfigError(
      TOKEN_VARIABLE,
      `is not set: give the bearer token the apiserver sends (env:NAME, ssm:/parameter, secretsmanager:secret-id, or the token), or set ${AUTH_VARIABLE}=none when API Gateway authenticates callers (mutual TLS, an authorizer)`,
    );
  }
  return {
    token: tokenText === undefined ? undefined : parseTokenRef(TOKEN_VARIABLE, tokenText, env),
    maxBodyBytes: positiveInt(env, MAX_BODY_VARIABLE) ?? defaults.maxBodyBytes,
    basePath: basePath(env),
  };
}

function positiveInt(env: Env, name: string): number | undefined {
  const v = env[name]?.trim();
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0) throw new ConfigError(name, `expected a positive integer (bytes), got "${v.slice(0, 20)}"`);
  return n;
}

function basePath(env: Env): string {
  const v = env[PATH_VARIABLE]?.trim();
  if (v === undefined || v === '') return DEFAULT_WEBHOOK_PATH;
  if (!PATH.test(v)) throw new ConfigError(PATH_VARIABLE, `expected a path like ${DEFAULT_WEBHOOK_PATH}`);
  return normalizeBasePath(v);
}
