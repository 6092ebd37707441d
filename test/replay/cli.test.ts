import { runCli } from '../helpers/cli.ts';
import { describe, expect, it } from 'vitest';
import { useTestAwsCredentials } from './aws-env.ts';

const run = runCli;

// Every case fails before any request is made: the endpoint is a closed local port anyway.
const AWS = ['replay', 'aws', '--cluster', 'prod-eks', '--region', 'eu-west-1', '--endpoint', 'http://127.0.0.1:9'];

describe('kadet replay options', () => {
  it('lists the three clouds in its help', async () => {
    const { code, out } = await run('replay', '--help');
    expect(code).toBe(0);
    expect(out).toMatch(/aws \[options\][\s\S]*gcp \[options\][\s\S]*azure \[options\]/);
  });

  it.each([
    [['replay', 'aws', '--since', '1h'], /required option '--cluster <name>' not specified/],
    [[...AWS], /^kadet: --since: a time range is required: --since 24h, or --start T \[--end T\]$/m],
    [[...AWS, '--since', 'yesterday'], /^kadet: --since: expected a duration like 90m, 24h or 7d, got "yesterday"$/m],
    [[...AWS, '--start', '2026-11-20'], /^kadet: --start: expected an RFC 3339 time like 2026-11-20T09:00:00Z, got "2026-11-20"$/m],
    [['replay', 'aws', '--cluster', 'prod-eks', '--since', '1h', '--endpoint', 'logs.local'], /^kadet: --endpoint: expected a URL with its scheme, like https:\/\/logs.eu-west-1.amazonaws.com \(the value given is not shown/m],
    [['replay', 'aws', '--cluster', 'prod-eks', '--region', 'eu-west-1', '--since', '1h', '--endpoint', 'http://logs.example.com'], /^kadet: --endpoint: plain http would send the cloud credentials .* in clear text: use https/m],
    [['replay', 'gcp', '--project', 'kadet-prod-4711', '--since', '1h', '--endpoint', 'http://10.0.0.5:8080'], /^kadet: --endpoint: plain http would send the cloud credentials .* in clear text: use https/m],
    [['replay', 'aws', '--cluster', 'prod-eks', '--since', '1h', '--endpoint', 'https://AKIA:secret@logs.local'], /^kadet: --endpoint: must not contain credentials/m],
    [[...AWS, '--since', '1h', '--sinks', 'pager:x'], /^kadet: --sinks entry 1: unknown sink "pager"/m],
    [['replay', 'aws', '--cluster', 'bad/name', '--since', '1h', '--region', 'eu-west-1'], /^kadet: --cluster: not an EKS cluster name: "bad\/name"$/m],
    [['replay', 'azure', '--workspace', '6b3f1c2e-9a4d-4e8b-b1f0-2c7d5e9a8b41', '--since', '1h', '--chunk', '0h'], /^kadet: --chunk: duration must be more than zero/m],
    [['replay', 'azure', '--workspace', '6b3f1c2e-9a4d-4e8b-b1f0-2c7d5e9a8b41', '--since', '1h', '--mode', 'fancy'], /option '--mode <mode>' argument 'fancy' is invalid/],
    [['replay', 'gcp', '--project', 'kadet-prod-4711', '--cluster', 'Bad_Name', '--since', '1h'], /^kadet: --cluster: not a GKE cluster name: "Bad_Name"$/m],
  ])('exits 2 on %j', async (argv, message) => {
    const { code, err } = await run(...argv);
    expect(code).toBe(2);
    expect(err).toMatch(message);
  });

  it('asks for a region when the AWS chain has none', async () => {
    useTestAwsCredentials();
    delete process.env['AWS_REGION'];
    delete process.env['AWS_DEFAULT_REGION'];
    const { code, err } = await run('replay', 'aws', '--cluster', 'prod-eks', '--since', '1h', '--endpoint', 'http://127.0.0.1:9');
    expect(code).toBe(2);
    expect(err).toContain('kadet: --region: no AWS region: pass --region, or set AWS_REGION or a region in your AWS profile');
  });

  it('never echoes an --endpoint it cannot parse: it may hold a password', async () => {
    const { code, err } = await run('replay', 'aws', '--cluster', 'prod-eks', '--since', '1h', '--endpoint', 'https://admin:hunter2-secret@logs exa mple.com');
    expect(code).toBe(2);
    expect(err).toContain('kadet: --endpoint: expected a URL with its scheme');
    expect(err).not.toContain('hunter2');
    expect(err).not.toContain('admin');
  });
});
