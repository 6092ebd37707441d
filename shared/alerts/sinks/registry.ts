import { SinkConfigError } from '../errors.ts';
import { resolveSecrets, type SecretResolver } from './secrets.ts';
import { slackSink } from './slack.ts';
import { snsSink } from './sns.ts';
import { parseSpecs, SINKS_VARIABLE } from './spec.ts';
import { stdoutSink } from './stdout.ts';
import type { ResolvedSinkSpec, Sink, SinkDeps, SinkFactory, SinkSpec } from './types.ts';
import { webhookSink } from './webhook.ts';

export { SINKS_VARIABLE };

/** Every sink type, by scheme: adding an output is one file and one line here. */
export const sinkFactories: ReadonlyMap<string, SinkFactory> = new Map<string, SinkFactory>([
  ['stdout', stdoutSink],
  ['sns', snsSink],
  ['slack', slackSink],
  ['webhook', webhookSink],
]);

/** Parses KADET_SINKS; env: references are read from `env`, secret-store ones left for resolveSecrets. */
export function parseSinkSpecs(text: string, env: Readonly<Record<string, string | undefined>>, variable = SINKS_VARIABLE): SinkSpec[] {
  return parseSpecs(text, env, variable, new Set(sinkFactories.keys()));
}

/** Builds sinks from resolved specs; a spec a sink cannot use throws SinkConfigError. */
export function buildSinks(specs: readonly ResolvedSinkSpec[], deps: SinkDeps = {}, factories: ReadonlyMap<string, SinkFactory> = sinkFactories): Sink[] {
  return specs.map((spec) => {
    const factory = factories.get(spec.scheme);
    if (factory === undefined) throw new SinkConfigError(spec.variable, spec.entry, `unknown sink "${spec.scheme}"`);
    return factory(spec, deps);
  });
}

/** Cold-start path: parse KADET_SINKS, resolve secrets once, build the sinks. */
export async function loadSinks(env: Readonly<Record<string, string | undefined>>, deps: SinkDeps & { resolver?: SecretResolver } = {}): Promise<Sink[]> {
  const specs = parseSinkSpecs(env[SINKS_VARIABLE] ?? '', env);
  return buildSinks(await resolveSecrets(specs, deps.resolver), deps);
}
