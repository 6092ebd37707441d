import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { KadetError } from '../errors.ts';
import { isObject, own } from '../event/own.ts';
import { parseAuditEvent } from '../event/parse.ts';
import type { CanonicalEvent, Provider } from '../event/types.ts';
import { toGkeLogEntry } from '../adapters/gke-envelope.ts';
import { convertLogEntry } from '../adapters/gke-logentry.ts';
import { Engine, type CompiledRule } from '../engine/index.ts';

/** One fixture from `rules/tests/<file>.tests.yaml`: an event and whether a named rule must fire on it. */
export interface RuleTestCase {
  file: string;
  line: number;
  name: string;
  rule: string;
  expect: 'match' | 'no-match';
  provider: Provider;
  cluster: string;
  event: unknown;
}

export interface RuleTestResult {
  test: RuleTestCase;
  passed: boolean;
  /** Why it failed, or the rules that fired when it passed. */
  detail: string;
}

/** A fixture file that is not in the expected shape. */
export class RuleTestFileError extends KadetError {
  constructor(message: string, file: string, line?: number) {
    super(message, 'RULE_TEST_FILE', line === undefined ? { file } : { file, line });
  }
}

const PROVIDERS: ReadonlySet<string> = new Set(['eks', 'gke', 'aks', 'onprem', 'file']);

/** Reads fixture files; throws RuleTestFileError with file:line on a malformed case. */
export async function readRuleTests(files: string[]): Promise<RuleTestCase[]> {
  const cases: RuleTestCase[] = [];
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    const lines = new LineCounter();
    const doc = parseDocument(text, { merge: true, uniqueKeys: false, lineCounter: lines });
    if (doc.errors.length > 0) throw new RuleTestFileError(doc.errors[0]!.message, file, doc.errors[0]!.linePos?.[0].line);
    const lineOf = (offset: number | undefined): number => (offset === undefined ? 1 : lines.linePos(offset).line);
    const tests = doc.get('tests', true) as { items?: { range?: [number, number, number] }[] } | undefined;
    const plain = doc.toJS({ maxAliasCount: -1 }) as unknown;
    const list = isObject(plain) ? own(plain, 'tests') : undefined;
    if (!Array.isArray(list)) throw new RuleTestFileError('expected a top-level `tests:` list', file);
    list.forEach((raw, i) => cases.push(toCase(raw, file, lineOf(tests?.items?.[i]?.range?.[0]))));
  }
  return cases;
}

function toCase(raw: unknown, file: string, line: number): RuleTestCase {
  const bad = (why: string): never => {
    throw new RuleTestFileError(why, file, line);
  };
  if (!isObject(raw)) return bad('a test must be a mapping');
  const name = own(raw, 'name');
  const rule = own(raw, 'rule');
  const expect = own(raw, 'expect');
  const provider = own(raw, 'provider') ?? 'file';
  const cluster = own(raw, 'cluster') ?? 'test';
  if (typeof name !== 'string') bad('`name` must be a string');
  if (typeof rule !== 'string') bad('`rule` must be a string');
  if (expect !== 'match' && expect !== 'no-match') bad('`expect` must be match or no-match');
  if (typeof provider !== 'string' || !PROVIDERS.has(provider)) bad('`provider` must be one of eks, gke, aks, onprem, file');
  if (typeof cluster !== 'string') bad('`cluster` must be a string');
  if (own(raw, 'event') === undefined) bad('`event` is required');
  return {
    file,
    line,
    name: name as string,
    rule: rule as string,
    expect: expect as 'match' | 'no-match',
    provider: provider as Provider,
    cluster: cluster as string,
    event: own(raw, 'event'),
  };
}

/** Runs fixtures against the rules with every rule evaluated (matching: all). */
export function runRuleTests(rules: CompiledRule[], cases: RuleTestCase[]): RuleTestResult[] {
  const engine = new Engine(rules, { matching: 'all' });
  const known = new Set(rules.map((r) => r.name));
  return cases.map((test) => {
    if (!known.has(test.rule)) return { test, passed: false, detail: `no loaded rule is named '${test.rule}'` };
    const delivered = asDelivered(test);
    if (typeof delivered === 'string') return { test, passed: false, detail: delivered };
    const fired = engine.evaluate(delivered).map((m) => m.rule.name);
    const hit = fired.includes(test.rule);
    const passed = test.expect === 'match' ? hit : !hit;
    const detail = fired.length > 0 ? `fired: ${fired.join(', ')}` : 'no rule fired';
    return { test, passed, detail };
  });
}

/**
 * The fixture's event as its provider would deliver it. GKE does not forward the apiserver's event
 * but rebuilds one from a LogEntry, so a `provider: gke` fixture goes through that round trip and the
 * rule sees what it would see in production (no groups, no query string, …). Returns why it cannot.
 */
function asDelivered(test: RuleTestCase): CanonicalEvent | string {
  let event;
  try {
    event = parseAuditEvent(structuredClone(test.event));
  } catch (err) {
    return `fixture event is invalid: ${(err as Error).message}`;
  }
  if (test.provider !== 'gke') return { event, origin: { provider: test.provider, cluster: test.cluster } };
  const entry = toGkeLogEntry(event, { project: 'test-project', location: 'europe-west1', cluster: test.cluster });
  const outcome = convertLogEntry(entry);
  if (outcome.kind === 'event') return outcome.event;
  return outcome.kind === 'skip' ? 'GKE would not deliver this event' : `GKE round trip failed: ${outcome.reason}`;
}
