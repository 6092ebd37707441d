import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveSecrets } from '../../../shared/alerts/sinks/secrets.ts';
import { parseSinkSpecs } from '../../../shared/alerts/sinks/registry.ts';
import { AwsSecretResolver, regionOfArn } from '../../../functions/aws/secrets.ts';

const ssm = mockClient(SSMClient);
const sm = mockClient(SecretsManagerClient);
afterEach(() => {
  ssm.reset();
  sm.reset();
});

// Fixed clients, so no credential or region lookup ever happens in tests.
const clients = (regions: (string | undefined)[] = []) => ({
  ssm: (region: string | undefined) => (regions.push(region), new SSMClient({ region: region ?? 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } })),
  secretsManager: (region: string | undefined) => (regions.push(region), new SecretsManagerClient({ region: region ?? 'eu-west-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } })),
});

describe('AwsSecretResolver', () => {
  it('reads an SSM parameter with decryption', async () => {
    ssm.on(GetParameterCommand, { Name: '/kadet/slack', WithDecryption: true }).resolves({ Parameter: { Value: 'https://hooks.slack.com/services/T/B/x' } });
    expect(await new AwsSecretResolver(clients()).resolve('ssm', '/kadet/slack')).toBe('https://hooks.slack.com/services/T/B/x');
  });

  it('reads a Secrets Manager string or binary secret', async () => {
    sm.on(GetSecretValueCommand, { SecretId: 'kadet/token' }).resolves({ SecretString: 'tok-string' });
    sm.on(GetSecretValueCommand, { SecretId: 'kadet/bin' }).resolves({ SecretBinary: new TextEncoder().encode('tok-binary') });
    const r = new AwsSecretResolver(clients());
    expect(await r.resolve('secretsmanager', 'kadet/token')).toBe('tok-string');
    expect(await r.resolve('secretsmanager', 'kadet/bin')).toBe('tok-binary');
  });

  it('fetches each reference once per cold start, even when asked concurrently', async () => {
    ssm.on(GetParameterCommand).resolves({ Parameter: { Value: 'v' } });
    const r = new AwsSecretResolver(clients());
    await Promise.all([r.resolve('ssm', '/a'), r.resolve('ssm', '/a'), r.resolve('ssm', '/b')]);
    await r.resolve('ssm', '/a');
    expect(ssm.commandCalls(GetParameterCommand).map((c) => c.args[0].input.Name)).toEqual(['/a', '/b']);
  });

  it('forgets a failed lookup so the next cold-start attempt asks again, and keeps the SDK error name', async () => {
    const notFound = Object.assign(new Error('Parameter /a not found.'), { name: 'ParameterNotFound' });
    ssm.on(GetParameterCommand).rejectsOnce(notFound).resolves({ Parameter: { Value: 'later' } });
    const r = new AwsSecretResolver(clients());
    await expect(r.resolve('ssm', '/a')).rejects.toMatchObject({ name: 'ParameterNotFound' });
    expect(await r.resolve('ssm', '/a')).toBe('later');
  });

  it('resolves to an empty value when the store holds none, which callers report as empty', async () => {
    ssm.on(GetParameterCommand).resolves({});
    const r = new AwsSecretResolver(clients());
    expect(await r.resolve('ssm', '/empty')).toBe('');
    const specs = parseSinkSpecs('slack:ssm:/empty', {});
    await expect(resolveSecrets(specs, r)).rejects.toThrow('KADET_SINKS entry 1: could not resolve ssm:/empty: empty value');
  });

  it('fetches an ARN-named secret in the ARN region, anything else in the function region', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: 's' });
    const regions: (string | undefined)[] = [];
    const r = new AwsSecretResolver(clients(regions));
    await r.resolve('secretsmanager', 'arn:aws:secretsmanager:us-east-2:123456789012:secret:kadet-AbCdEf');
    await r.resolve('secretsmanager', 'kadet/local');
    expect(regions).toEqual(['us-east-2', undefined]);
    expect(regionOfArn('arn:aws:ssm:ap-south-1:123456789012:parameter/kadet/x')).toBe('ap-south-1');
    expect(regionOfArn('/kadet/x')).toBeUndefined();
  });
});
