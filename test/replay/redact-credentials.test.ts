import { describe, expect, it } from 'vitest';
import { redactCredentials } from '../../shared/replay/redact-credentials.ts';
import { callAws, type AwsLogs } from '../../shared/replay/sources/aws-client.ts';
import { awsError } from '../../shared/replay/sources/aws-errors.ts';
import { azureError } from '../../shared/replay/sources/azure-errors.ts';
import { gcpError } from '../../shared/replay/sources/gcp-errors.ts';

const JWT = 'eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJodHRwczovL2FwaS5sb2dhbmFseXRpY3MuaW8ifQ.c2lnbmF0dXJlLWJ5dGVz';

describe('redactCredentials', () => {
  it.each([
    ['AKIA key id', 'The key AKIAIOSFODNN7EXAMPLE is not valid', 'The key *** is not valid'],
    ['ASIA key id', 'key ASIAY34FZKBOKMUTVV7A expired', 'key *** expired'],
    ['SigV4 query', 'GET /?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAX%2F20261120%2Fus-east-1&X-Amz-Signature=abc123def&X-Amz-Security-Token=FwoGZXIvYXdzEJr%2F', 'GET /?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=***&X-Amz-Signature=***&X-Amz-Security-Token=***'],
    ['SigV4 header', 'Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261120/us-east-1/logs/aws4_request, SignedHeaders=host, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7', 'Authorization: AWS4-HMAC-SHA256 Credential=***, SignedHeaders=host, Signature=***'],
    ['bearer token', 'sent Authorization: Bearer abc.def-ghi_jkl to the server', 'sent Authorization: Bearer *** to the server'],
    ['Google access token', 'token ya29.a0AfH6SMBx-3kQ_long.token was rejected', 'token *** was rejected'],
    ['JWT', `invalid token ${JWT}: audience`, 'invalid token ***: audience'],
    ['SAS sig and token query values', 'https://acct.blob.core.windows.net/c?sv=2022&sig=AbC%2Bd%3D&se=1 and /x?token=s3cr3t&y=1', 'https://acct.blob.core.windows.net/c?sv=2022&sig=***&se=1 and /x?token=***&y=1'],
  ])('hides a %s', (_, text, expected) => {
    expect(redactCredentials(text)).toBe(expected);
  });

  it('hides the credential values it is given, also URL-encoded', () => {
    expect(redactCredentials('secret wJalrXUtnFEMI/K7MDENG and wJalrXUtnFEMI%2FK7MDENG', ['wJalrXUtnFEMI/K7MDENG'])).toBe('secret *** and ***');
  });

  it('leaves ordinary error text alone', () => {
    const text = 'InvalidSignatureException: The request signature we calculated does not match the signature you provided.';
    expect(redactCredentials(text)).toBe(text);
  });
});

describe('cloud errors never echo a credential', () => {
  const leaky = (name: string, message: string, extra: object = {}): Error => Object.assign(new Error(message), { name, ...extra });

  it('aws: patterns, the given values and a secret past the length cap', () => {
    const err = leaky('InvalidSignatureException', `${'x'.repeat(230)} key AKIAIOSFODNN7EXAMPLE secret not-a-pattern-secret-value-1234567890abcdefghijkl`);
    const message = (awsError(err, 'CloudWatch Logs', ['not-a-pattern-secret-value-1234567890abcdefghijkl']) as Error).message;
    expect(message).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(message).not.toContain('not-a-pattern-secret');
    expect(message).toContain('***');
  });

  it('aws: callAws hides the credentials the client signs with', async () => {
    const secret = 'resolved-secret-access-key-0123456789';
    const logs = { where: 'CloudWatch Logs eu-west-1', client: { config: { credentials: async () => ({ accessKeyId: 'AKIDRESOLVED', secretAccessKey: secret }) } } } as unknown as AwsLogs;
    const failing = callAws(logs, 'FilterLogEvents', () => Promise.reject(leaky('ValidationException', `bad request signed with ${secret}`)));
    await expect(failing).rejects.toThrow('aws: CloudWatch Logs eu-west-1 FilterLogEvents: ValidationException: bad request signed with ***');
  });

  it('gcp: an access token in the server answer', () => {
    const err = leaky('Error', 'Request had invalid authentication credentials: Bearer ya29.a0AfH6SMBxyz', { code: 16 });
    const message = (gcpError(err, 'Cloud Logging') as Error).message;
    expect(message).toContain('UNAUTHENTICATED: Request had invalid authentication credentials: Bearer ***');
    expect(message).not.toContain('ya29');
  });

  it('azure: a JWT in the message and in the innererror', () => {
    const err = leaky('RestError', `token ${JWT} rejected`, { statusCode: 400, details: { error: { message: 'outer', innererror: { message: `sig=abcdef token ${JWT}` } } } });
    const message = (azureError(err, 'Log Analytics') as Error).message;
    expect(message).not.toContain('eyJ');
    expect(message).not.toContain('abcdef');
    expect(message).toContain('token *** rejected');
  });
});
