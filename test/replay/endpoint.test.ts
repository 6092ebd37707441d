import { describe, expect, it } from 'vitest';
import { ReplayUsageError } from '../../shared/replay/errors.ts';
import { checkEndpointTransport, parseEndpoint } from '../../shared/replay/endpoint.ts';
import { openSource, type SourceSpec } from '../../shared/replay/sources/index.ts';
import { useTestAwsCredentials } from './aws-env.ts';

describe('--endpoint transport', () => {
  it.each(['http://logs.example.com', 'http://10.0.0.5:8080/v1', 'http://127.0.0.1.nip.io/', 'http://[::2]/'])('refuses plain http to %s, saying why', (text) => {
    expect(() => parseEndpoint(text)).toThrow(ReplayUsageError);
    expect(() => parseEndpoint(text)).toThrow(/--endpoint: plain http would send the cloud credentials .* in clear text: use https \(http is allowed for a local emulator on 127.0.0.1\/localhost only\)/);
  });

  it.each(['http://127.0.0.1:4566', 'http://localhost:8080/v1', 'http://[::1]:9000', 'http://127.1.2.3/', 'https://logs.example.com', 'https://10.0.0.5/v1'])('accepts %s', (text) => {
    expect(parseEndpoint(text).href).toBe(new URL(text).href);
  });

  it('names the credential at stake when a client checks its endpoint', () => {
    expect(() => checkEndpointTransport(new URL('http://logging.internal'), 'the Google access token')).toThrow('plain http would send the Google access token in clear text');
  });

  // A source built without the CLI (tests, an embedding program) applies the same rule, before any request or SDK load.
  it.each<SourceSpec>([
    { cloud: 'aws', cluster: 'prod-eks', region: 'eu-west-1', endpoint: new URL('http://logs.example.com') },
    { cloud: 'aws', cluster: 'prod-eks', region: 'eu-west-1', insights: true, endpoint: new URL('http://logs.example.com') },
    { cloud: 'gcp', project: 'kadet-prod-4711', endpoint: new URL('http://logging.example.com') },
    { cloud: 'azure', workspace: '6b3f1c2e-9a4d-4e8b-b1f0-2c7d5e9a8b41', mode: 'resource-specific', category: 'kube-audit', endpoint: new URL('http://api.example.com/v1') },
  ])('openSource refuses plain http for $cloud', async (spec) => {
    useTestAwsCredentials();
    await expect(openSource(spec)).rejects.toThrow(/--endpoint: plain http would send the (AWS request signature and session token|Google access token|Azure access token) in clear text/);
  });
});
