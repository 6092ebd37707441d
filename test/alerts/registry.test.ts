import { describe, expect, it } from 'vitest';
import { SinkConfigError } from '../../shared/alerts/errors.ts';
import { buildSinks, loadSinks, parseSinkSpecs, sinkFactories } from '../../shared/alerts/sinks/registry.ts';
import { resolveSecrets, type SecretResolver } from '../../shared/alerts/sinks/secrets.ts';

const SLACK = 'https://hooks.slack.com/services/T0001/B0002/s3cr3tT0ken';
const env = { SLACK_URL: SLACK, TOKEN: 'Bearer abc.def.ghi' };

/** Runs `fn`, expects a SinkConfigError, and returns its message. */
function configError(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SinkConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a SinkConfigError');
}

describe('parseSinkSpecs', () => {
  it('reads the documented example', () => {
    const specs = parseSinkSpecs('sns:arn:aws:sns:eu-west-1:123456789012:kadet;min=Warning, slack:env:SLACK_URL;min=critical,webhook:https://falcosidekick:2801/;header=Authorization:env:TOKEN,stdout', env);
    expect(specs.map((s) => [s.entry, s.scheme, s.name, s.minPriority, s.target?.shown])).toEqual([
      [1, 'sns', 'sns', 'Warning', 'arn:aws:sns:eu-west-1:123456789012:kadet'],
      [2, 'slack', 'slack', 'Critical', 'env:SLACK_URL'],
      [3, 'webhook', 'webhook', undefined, 'https://falcosidekick:2801/'],
      [4, 'stdout', 'stdout', undefined, undefined],
    ]);
    expect(specs[1]?.target).toEqual({ kind: 'value', value: SLACK, shown: 'env:SLACK_URL' });
    expect(specs[2]?.headers).toEqual([['Authorization', { kind: 'value', value: 'Bearer abc.def.ghi', shown: 'env:TOKEN' }]]);
  });

  it('does not echo a bare word that may be a pasted token', () => {
    expect(() => parseSinkSpecs('stdout,xoxb4sekrit9token', {})).toThrow('KADET_SINKS entry 2: unknown sink (known: stdout, sns, slack, webhook)');
  });

  it('has one factory per sink type', () => {
    expect([...sinkFactories.keys()]).toEqual(['stdout', 'sns', 'slack', 'webhook']);
  });

  it('is empty for an empty or blank variable, and ignores a trailing comma', () => {
    expect(parseSinkSpecs('', {})).toEqual([]);
    expect(parseSinkSpecs(' stdout , ', {})).toHaveLength(1);
  });

  it('leaves ssm: and secretsmanager: references for the resolver', () => {
    const [a, b] = parseSinkSpecs('slack:ssm:/kadet/slack-url,webhook:secretsmanager:kadet/hook', {});
    expect(a?.target).toEqual({ kind: 'secret', store: 'ssm', id: '/kadet/slack-url', shown: 'ssm:/kadet/slack-url' });
    expect(b?.target).toMatchObject({ kind: 'secret', store: 'secretsmanager', id: 'kadet/hook' });
  });

  it('names repeated sink types apart, and takes name=', () => {
    expect(parseSinkSpecs('stdout,stdout;name=audit', {}).map((s) => s.name)).toEqual(['stdout', 'audit']);
    expect(parseSinkSpecs('stdout,stdout', {}).map((s) => s.name)).toEqual(['stdout#1', 'stdout#2']);
  });

  it.each([
    ['slack:env:MISSING', 'KADET_SINKS entry 1: slack: env:MISSING is not set'],
    ['stdout,pagerduty:x', 'KADET_SINKS entry 2: unknown sink "pagerduty" (known: stdout, sns, slack, webhook)'],
    ['https://example.com/hook', 'KADET_SINKS entry 1: unknown sink "https" (known: stdout, sns, slack, webhook); for a URL write webhook:<url>'],
    ['slack:env:SLACK_URL;min=loud', 'KADET_SINKS entry 1: min=loud is not a priority (Emergency … Debug)'],
    ['stdout;colour=red', 'KADET_SINKS entry 1: unknown option "colour" (expected min=, name=, header=)'],
    ['webhook:https://x/;header=Bad Name:env:TOKEN', 'KADET_SINKS entry 1: header= takes NAME:VALUE with an HTTP header name'],
    ['slack:', 'KADET_SINKS entry 1: slack: empty target'],
    ['stdout;name=a,stdout;name=a#2', 'KADET_SINKS entry 2: name= takes letters, digits, "-" and "_"'],
    ['stdout;name=ops,webhook:https://x/;name=ops', 'KADET_SINKS entry 2: name "ops" is used twice'],
  ])('rejects %j naming the variable and entry', (text, message) => {
    expect(configError(() => parseSinkSpecs(text, env))).toBe(message);
  });

  it('never echoes a secret in its errors', () => {
    const bare = configError(() => parseSinkSpecs('s3cr3tT0ken_that_was_pasted_here', env));
    expect(bare).not.toContain('s3cr3t');
    const header = configError(() => parseSinkSpecs(`webhook:${SLACK};header=X-Key:env:NOPE`, env));
    expect(header).toBe('KADET_SINKS entry 1: header X-Key: env:NOPE is not set');
    const literal = parseSinkSpecs(`webhook:${SLACK};header=X-Key:literal-s3cr3t`, env)[0];
    expect(JSON.stringify([literal?.target?.shown, literal?.headers[0]?.[1].shown])).not.toContain('s3cr3t');
  });

  it('reports the location as field and record', () => {
    expect(() => parseSinkSpecs('stdout,nope', {})).toThrow(expect.objectContaining({ code: 'SINK_CONFIG', location: { field: 'KADET_SINKS', record: 2 } }));
  });
});

describe('building sinks', () => {
  const build = async (text: string, e: Record<string, string> = env) => buildSinks(await resolveSecrets(parseSinkSpecs(text, e)));

  it('rejects a malformed target showing only its redacted form', async () => {
    await expect(build('slack:env:BAD', { BAD: 'not a url s3cr3t' })).rejects.toThrow('KADET_SINKS entry 1: slack target env:BAD is not a URL');
    await expect(build('webhook:ftp://host/s3cr3t')).rejects.toThrow(/^KADET_SINKS entry 1: webhook target ftp:\/\/host\/\*\*\* must be http\(s\)$/);
    await expect(build('sns:arn:aws:sqs:eu-west-1:123456789012:q')).rejects.toThrow('sns needs a topic ARN');
    await expect(build('stdout:somewhere')).rejects.toThrow('KADET_SINKS entry 1: stdout takes no target or headers');
  });

  it('resolves secret references once each through the resolver', async () => {
    const asked: string[] = [];
    const resolver: SecretResolver = { resolve: async (store, id) => (asked.push(`${store}:${id}`), SLACK) };
    const sinks = await loadSinks({ KADET_SINKS: 'slack:ssm:/kadet/slack,slack:ssm:/kadet/slack;name=other' }, { resolver });
    expect(sinks.map((s) => s.name)).toEqual(['slack', 'other']);
    expect(asked).toEqual(['ssm:/kadet/slack']);
  });

  it('fails at cold start when a secret cannot be resolved or no resolver exists', async () => {
    await expect(loadSinks({ KADET_SINKS: 'slack:ssm:/kadet/slack' })).rejects.toThrow('KADET_SINKS entry 1: ssm:/kadet/slack needs a secret resolver, and none is configured here');
    const missing = Object.assign(new Error('x'), { name: 'ParameterNotFound' });
    await expect(loadSinks({ KADET_SINKS: 'slack:ssm:/kadet/slack' }, { resolver: { resolve: async () => Promise.reject(missing) } })).rejects.toThrow('KADET_SINKS entry 1: could not resolve ssm:/kadet/slack: ParameterNotFound');
  });
});
