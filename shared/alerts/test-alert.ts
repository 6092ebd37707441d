import { hostname } from 'node:os';
import { deliver, type DeliverOptions } from './deliver.ts';
import { findingId, type Finding } from './finding.ts';
import { buildSinks, parseSinkSpecs } from './sinks/registry.ts';
import { resolveSecrets, type SecretResolver } from './sinks/secrets.ts';
import type { SinkDeps } from './sinks/types.ts';

/** The rule name of the synthetic finding; receivers can filter it out. */
export const TEST_RULE = 'kadet test alert';

/** A synthetic Notice finding with a fresh id each time, so no dedup swallows a second test. */
export function buildTestFinding(now: Date = new Date()): Finding {
  const time = now.toISOString();
  const auditID = `kadet-test-${now.getTime().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  return {
    time,
    rule: TEST_RULE,
    priority: 'Notice',
    output: `${time}: Notice This is a test alert from kadet (user=kadet-test ns=kadet-test resource=configmaps/kadet-test)`,
    output_fields: {
      'ka.user.name': 'kadet-test',
      'ka.verb': 'get',
      'ka.target.namespace': 'kadet-test',
      'ka.target.resource': 'configmaps',
      'ka.target.name': 'kadet-test',
      'ka.sourceips': '127.0.0.1',
      'ka.useragent': 'kadet alert test',
    },
    source: 'k8s_audit',
    tags: ['kadet', 'test'],
    hostname: hostname(),
    kadet: { id: findingId(TEST_RULE, auditID, 'ResponseComplete'), auditID, stage: 'ResponseComplete', origin: { provider: 'file', cluster: 'kadet-test' } },
  };
}

export interface TestAlertResult {
  sink: string;
  ok: boolean;
  /** Redacted reason when not ok. */
  error?: string;
}

/** `kadet alert test --sink …`: parses the spec list, sends one test finding to each sink, reports each. */
export async function sendTestAlert(
  specText: string,
  env: Readonly<Record<string, string | undefined>>,
  deps: SinkDeps & { resolver?: SecretResolver; deliver?: DeliverOptions } = {},
): Promise<TestAlertResult[]> {
  const sinks = buildSinks(await resolveSecrets(parseSinkSpecs(specText, env), deps.resolver), deps);
  // Like Falcosidekick's test rule, the test alert ignores each sink's minimum priority.
  const report = await deliver([buildTestFinding()], sinks, { ...deps.deliver, ignoreMinPriority: true });
  const failed = new Map(report.failed.map((f) => [f.sink, f.error.message]));
  return sinks.map((s) => {
    const error = failed.get(s.name);
    return error === undefined ? { sink: s.name, ok: true } : { sink: s.name, ok: false, error };
  });
}
