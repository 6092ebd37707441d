import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../shared/config.ts';
import { readWebhookConfig } from '../../shared/webhook/config.ts';
import { resolveToken } from '../../shared/webhook/token.ts';

const TOKEN = 'kadet-test-token-0123456789abcdef';
const defaults = { maxBodyBytes: 1000 };

describe('webhook config', () => {
  it('takes the token from the environment by reference, the value never shown', () => {
    const config = readWebhookConfig({ KADET_WEBHOOK_TOKEN: 'env:AUDIT_TOKEN', AUDIT_TOKEN: TOKEN }, defaults);
    expect(config).toEqual({ token: { kind: 'value', value: TOKEN, shown: 'env:AUDIT_TOKEN' }, maxBodyBytes: 1000, basePath: '/k8s-audit' });
    expect(readWebhookConfig({ KADET_WEBHOOK_TOKEN: TOKEN }, defaults).token).toEqual({ kind: 'value', value: TOKEN, shown: '***' });
  });

  it('leaves ssm: and secretsmanager: references to resolve at cold start', async () => {
    const ref = readWebhookConfig({ KADET_WEBHOOK_TOKEN: 'ssm:/kadet/webhook-token' }, defaults).token!;
    expect(ref).toEqual({ kind: 'secret', store: 'ssm', id: '/kadet/webhook-token', shown: 'ssm:/kadet/webhook-token' });
    const lookups: string[] = [];
    const resolver = { resolve: async (store: string, id: string) => (lookups.push(`${store}:${id}`), `${TOKEN}\n`) };
    expect(await resolveToken('KADET_WEBHOOK_TOKEN', ref, resolver)).toBe(TOKEN);
    expect(lookups).toEqual(['ssm:/kadet/webhook-token']);
    const sm = readWebhookConfig({ KADET_WEBHOOK_TOKEN: 'secretsmanager:kadet/webhook' }, defaults).token!;
    expect(sm).toMatchObject({ kind: 'secret', store: 'secretsmanager', id: 'kadet/webhook' });
  });

  it('names the variable on a failed lookup, a short token or a missing resolver, never the value', async () => {
    const ref = { kind: 'secret', store: 'ssm', id: '/p', shown: 'ssm:/p' } as const;
    const notFound = Object.assign(new Error('Parameter /p not found.'), { name: 'ParameterNotFound' });
    await expect(resolveToken('KADET_WEBHOOK_TOKEN', ref, { resolve: () => Promise.reject(notFound) })).rejects.toThrow('KADET_WEBHOOK_TOKEN: could not resolve ssm:/p: ParameterNotFound');
    await expect(resolveToken('KADET_WEBHOOK_TOKEN', ref, { resolve: async () => 'short-secret' })).rejects.toThrow(/ssm:\/p is shorter than 16 characters/);
    await expect(resolveToken('KADET_WEBHOOK_TOKEN', ref, undefined)).rejects.toThrow(/needs a secret resolver/);
  });

  it.each([
    [{}, /^KADET_WEBHOOK_TOKEN: is not set: .*KADET_WEBHOOK_AUTH=none/],
    [{ KADET_WEBHOOK_TOKEN: 'env:NOPE' }, /^KADET_WEBHOOK_TOKEN: env:NOPE is not set$/],
    [{ KADET_WEBHOOK_TOKEN: 'tiny-secret' }, /^KADET_WEBHOOK_TOKEN: the token is shorter than 16/],
    [{ KADET_WEBHOOK_TOKEN: 'has a space in the middle of it' }, /^KADET_WEBHOOK_TOKEN: the token must be visible ASCII/],
    [{ KADET_WEBHOOK_AUTH: 'none', KADET_WEBHOOK_TOKEN: TOKEN }, /^KADET_WEBHOOK_AUTH: is none but KADET_WEBHOOK_TOKEN is set/],
    [{ KADET_WEBHOOK_AUTH: 'maybe' }, /^KADET_WEBHOOK_AUTH: expected token or none/],
    [{ KADET_WEBHOOK_AUTH: 'none', KADET_WEBHOOK_MAX_BODY_BYTES: '0' }, /^KADET_WEBHOOK_MAX_BODY_BYTES: expected a positive integer/],
    [{ KADET_WEBHOOK_AUTH: 'none', KADET_WEBHOOK_PATH: 'no slash?' }, /^KADET_WEBHOOK_PATH: expected a path/],
  ])('rejects %j naming the variable', (env, message) => {
    expect(() => readWebhookConfig(env, defaults)).toThrow(ConfigError);
    expect(() => readWebhookConfig(env, defaults)).toThrow(message);
    try {
      readWebhookConfig(env, defaults);
    } catch (err) {
      expect((err as Error).message).not.toContain('tiny-secret');
      expect((err as Error).message).not.toContain(TOKEN);
    }
  });

  it('turns authentication off only when asked to, and reads the size limit and path', () => {
    expect(readWebhookConfig({ KADET_WEBHOOK_AUTH: 'none', KADET_WEBHOOK_MAX_BODY_BYTES: '2048', KADET_WEBHOOK_PATH: '/audit/' }, defaults)).toEqual({
      token: undefined,
      maxBodyBytes: 2048,
      basePath: '/audit',
    });
  });
});
