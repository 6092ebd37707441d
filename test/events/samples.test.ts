import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../shared/cli/main.ts';
import { memoryIO } from '../../shared/cli/io.ts';
import { packageRoot } from '../../shared/paths.ts';

const events = join(packageRoot(), 'events');

/** `kadet scan` of one sample: the (rule, auditID) pairs it finds and how many records it rejected. */
async function scan(file: string): Promise<{ pairs: Set<string>; auditIDs: Set<string>; stderr: string }> {
  const io = memoryIO();
  expect(await main(['scan', join(events, file), '--format', 'json'], io)).toBe(0);
  const findings = io
    .stdout()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { rule: string; kadet: { auditID: string } });
  return { pairs: new Set(findings.map((f) => `${f.rule}\t${f.kadet.auditID}`)), auditIDs: new Set(findings.map((f) => f.kadet.auditID)), stderr: io.stderr() };
}

describe('events/ samples', () => {
  it('are all read by kadet scan without a single reject', async () => {
    const files = readdirSync(events).filter((f) => /\.(json|jsonl|log)$/.test(f) && !f.startsWith('onprem-webhook-apigw'));
    expect(files.length).toBeGreaterThanOrEqual(9);
    for (const f of files) expect((await scan(f)).stderr, f).toMatch(/, 0 rejected/);
  });

  it('tell the same attack story through EKS (subscription, Kinesis, Firehose export) and AKS as the plain audit events', async () => {
    const reference = await scan('eks-cloudwatch-subscription.json');
    expect(reference.pairs.size).toBeGreaterThan(10);
    for (const f of ['eks-kinesis.json', 'eks-firehose-export.jsonl', 'aks-eventhub.json']) expect((await scan(f)).pairs, f).toEqual(reference.pairs);
  });

  it('lose no attack step through GKE, whose rebuilt events may fire extra findings', async () => {
    // GKE carries no groups and splits long requests by operation, so rules may differ per event; what
    // must hold is that every event flagged on EKS is flagged on GKE too.
    const reference = await scan('eks-cloudwatch-subscription.json');
    const gke = await scan('gke-logentries.json');
    expect([...reference.auditIDs].filter((id) => !gke.auditIDs.has(id))).toEqual([]);
  });
});
