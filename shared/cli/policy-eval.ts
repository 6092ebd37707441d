import { evaluatePolicy, type RequestAttributes } from '../policy/index.ts';
import { EXIT, UsageError } from './errors.ts';
import type { CliIO } from './io.ts';
import { loadPolicyForCli } from './policy-load.ts';

export interface EvalOptions {
  user?: string;
  groups?: string[];
  verb: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  apiGroup?: string;
  path?: string;
  format: 'text' | 'json';
}

/** The request the options describe: a resource request with --resource, else a non-resource one with --path. */
export function attributesFromOptions(o: EvalOptions): RequestAttributes {
  const groups = (o.groups ?? []).flatMap((g) => g.split(',')).map((g) => g.trim()).filter(Boolean);
  const base = { groups, verb: o.verb, ...(o.user === undefined ? {} : { user: o.user }) };
  if (o.resource === undefined) {
    if (o.path === undefined) throw new UsageError('give --resource for a resource request or --path for a non-resource one (/healthz, /metrics…)');
    for (const flag of ['subresource', 'namespace', 'name', 'apiGroup'] as const) {
      if (o[flag] !== undefined) throw new UsageError(`--${flag === 'apiGroup' ? 'api-group' : flag} needs --resource`);
    }
    return { ...base, isResourceRequest: false, path: o.path };
  }
  // `--resource pods/exec` is the same as `--resource pods --subresource exec`.
  const [resource, sub] = o.resource.includes('/') && o.subresource === undefined ? o.resource.split('/', 2) : [o.resource, o.subresource];
  return {
    ...base,
    isResourceRequest: true,
    resource: resource!,
    subresource: sub ?? '',
    namespace: o.namespace ?? '',
    apiGroup: o.apiGroup ?? '',
    ...(o.name === undefined ? {} : { name: o.name }),
    ...(o.path === undefined ? {} : { path: o.path }),
  };
}

/** `kadet policy eval FILE …`: the level, omitted stages and deciding rule for one request. */
export async function evalPolicy(file: string, opts: EvalOptions, io: CliIO): Promise<number> {
  const policy = loadPolicyForCli(file, io);
  const attrs = attributesFromOptions(opts);
  const d = evaluatePolicy(policy, attrs);
  if (opts.format === 'json') {
    await io.out(JSON.stringify({ request: attrs, ...d }, null, 2) + '\n');
    return EXIT.ok;
  }
  const rule = d.ruleIndex === undefined ? 'none matches: the default is level None' : `#${d.ruleIndex} (rules[${d.ruleIndex}], ${file}:${d.line})`;
  const lines = [
    `level:             ${d.level}`,
    `omitStages:        ${d.omitStages.length > 0 ? d.omitStages.join(', ') : '(none)'}`,
    `omitManagedFields: ${d.omitManagedFields}`,
    `rule:              ${rule}`,
  ];
  await io.out(lines.join('\n') + '\n');
  return EXIT.ok;
}
