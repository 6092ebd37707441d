import { SinkConfigError } from '../errors.ts';
import type { Ref, Resolved, ResolvedSinkSpec, SecretStore, SinkSpec } from './types.ts';

/**
 * Looks secrets up by reference (`ssm:/kadet/slack-url`, `secretsmanager:kadet/slack`). The function
 * layer implements it with the AWS SDK and calls it once per cold start; tests pass a Map.
 */
export interface SecretResolver {
  resolve(store: SecretStore, id: string): Promise<string>;
}

/** Replaces every secret reference in `specs` by its value; each distinct reference is fetched once. */
export async function resolveSecrets(specs: readonly SinkSpec[], resolver?: SecretResolver): Promise<ResolvedSinkSpec[]> {
  const cache = new Map<string, Promise<string>>();
  const one = async (spec: SinkSpec, ref: Ref): Promise<Resolved> => {
    if (ref.kind === 'value') return ref;
    if (resolver === undefined) throw new SinkConfigError(spec.variable, spec.entry, `${ref.shown} needs a secret resolver, and none is configured here`);
    const key = `${ref.store}\0${ref.id}`;
    if (!cache.has(key)) cache.set(key, resolver.resolve(ref.store, ref.id));
    try {
      const value = await (cache.get(key) as Promise<string>);
      if (value.trim() === '') throw new Error('empty value');
      return { kind: 'value', value: value.trim(), shown: ref.shown };
    } catch (err) {
      // The lookup failed, so its error holds no secret value; name it and keep it as the cause.
      const why = err instanceof Error ? err.name === 'Error' ? err.message : err.name : 'lookup failed';
      throw new SinkConfigError(spec.variable, spec.entry, `could not resolve ${ref.shown}: ${why}`, { cause: err });
    }
  };
  return Promise.all(
    specs.map(async (spec) => {
      const { target, headers, ...rest } = spec;
      const resolvedHeaders = await Promise.all(headers.map(async ([n, v]) => [n, await one(spec, v)] as const));
      return { ...rest, ...(target === undefined ? {} : { target: await one(spec, target) }), headers: resolvedHeaders };
    }),
  );
}
