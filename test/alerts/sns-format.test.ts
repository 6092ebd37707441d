import { describe, expect, it } from 'vitest';
import { entryBytes, formatSnsEntry, SNS_MAX_BYTES, snsAttributes, snsSubject, SUBJECT_MAX } from '../../shared/alerts/sinks/sns-format.ts';
import { packBatches } from '../../shared/alerts/sinks/sns-publish.ts';
import { sampleFinding } from './fixtures.ts';

const origin = sampleFinding().kadet.origin;
const withRule = (rule: string) => sampleFinding({ rule });

describe('SNS subject', () => {
  it('reads [Priority] rule - cluster', () => {
    expect(snsSubject(sampleFinding())).toBe('[Critical] Exec into kube-system pod - prod-eks');
  });

  it('replaces typographic punctuation with ASCII', () => {
    expect(snsSubject(withRule('Exec into kube-system pod — via “kubectl” …'))).toBe('[Critical] Exec into kube-system pod - via "kubectl" ... - prod-eks');
  });

  it('drops accents, other scripts and line breaks', () => {
    expect(snsSubject(withRule('Zugriff über\nkubectl auf Geheimnis 秘密'))).toBe('[Critical] Zugriff uber kubectl auf Geheimnis - prod-eks');
  });

  it('names a finding whose rule has no ASCII at all', () => {
    expect(snsSubject(withRule('秘密の読み取り'))).toBe('[Critical] kadet finding - prod-eks');
  });

  it(`keeps a subject of exactly ${SUBJECT_MAX} characters whole`, () => {
    const s = snsSubject(withRule('r'.repeat(SUBJECT_MAX - 22)));
    expect(s).toHaveLength(SUBJECT_MAX);
    expect(s.endsWith('rrr - prod-eks')).toBe(true);
  });

  it(`cuts the rule, not the priority or cluster, at ${SUBJECT_MAX + 1} characters`, () => {
    const s = snsSubject(withRule('r'.repeat(SUBJECT_MAX - 21)));
    expect(s).toBe(`[Critical] ${'r'.repeat(SUBJECT_MAX - 25)}... - prod-eks`);
    expect(s).toHaveLength(SUBJECT_MAX);
  });

  it('shortens a very long cluster name and omits an unknown one', () => {
    const long = sampleFinding({ kadet: { ...sampleFinding().kadet, origin: { ...origin, cluster: 'c'.repeat(60) } } });
    expect(snsSubject(long)).toBe(`[Critical] Exec into kube-system pod - ${'c'.repeat(27)}...`);
    const none = sampleFinding({ kadet: { ...sampleFinding().kadet, origin: { provider: 'onprem' } } });
    expect(snsSubject(none)).toBe('[Critical] Exec into kube-system pod');
  });

  it('is always printable ASCII within the limit', () => {
    for (const rule of ['ü'.repeat(300), '—'.repeat(300), 'a\u0000b\u0007c', '\t lead']) {
      const s = snsSubject(withRule(rule));
      expect(s).toMatch(/^[\x20-\x7e]+$/);
      expect(s.length).toBeLessThanOrEqual(SUBJECT_MAX);
    }
  });
});

describe('SNS message attributes', () => {
  it('carry priority, rule, cluster and provider for filter policies', () => {
    expect(snsAttributes(sampleFinding())).toEqual({ priority: 'Critical', rule: 'Exec into kube-system pod', cluster: 'prod-eks', provider: 'eks' });
  });

  it('leave out an unknown cluster rather than send an empty value', () => {
    expect(snsAttributes(sampleFinding({ kadet: { ...sampleFinding().kadet, origin: { provider: 'file' } } }))).toEqual({ priority: 'Critical', rule: 'Exec into kube-system pod', provider: 'file' });
  });
});

describe('SNS message body', () => {
  const facts = ['Exec into kube-system pod', 'Critical', 'alice@example.com', 'prod-eks', 'kube-system', 'pods/coredns-7d8f/exec', '2026-11-20T09:14:03.127890Z', '203.0.113.7', 'kubectl/v1.31.2', '/aws/eks/prod-eks/cluster', 'kube-apiserver-audit-0f3c', 'event 37915263849265392028447366211734819930112', '5f0b6d1e-2b7c-4f5e-9a51-0d7c1b1e2a33', 'T1609', 'account 123456789012', 'region eu-west-1'];

  it('states what, who, where, when, from where, the raw record and the finding id, then the JSON', () => {
    const { message } = formatSnsEntry(sampleFinding({}, 'abc123'), 'Someone opened a shell in a system pod.');
    for (const fact of [...facts, 'Someone opened a shell in a system pod.', 'ID:           abc123']) expect(message).toContain(fact);
    const json = message.slice(message.indexOf('-- finding as JSON --') + 22);
    expect(JSON.parse(json)).toEqual(sampleFinding({}, 'abc123'));
  });

  it('says n/a for who/where facts the rule output does not carry', () => {
    const { message } = formatSnsEntry(sampleFinding({ output_fields: {} }));
    expect(message).toContain('User:         n/a');
    expect(message).toContain('Namespace:    n/a');
  });

  it('cuts only the JSON when the finding is too big, keeping every fact, within 256 KiB', () => {
    const huge = sampleFinding({ output_fields: { ...sampleFinding().output_fields, 'ka.req.pod.spec': 'é'.repeat(200_000) } }, 'big1');
    const entry = formatSnsEntry(huge);
    expect(entryBytes(entry)).toBeLessThanOrEqual(SNS_MAX_BYTES);
    expect(entryBytes(entry)).toBeGreaterThan(SNS_MAX_BYTES - 8);
    for (const fact of [...facts, 'big1']) expect(entry.message).toContain(fact);
    expect(entry.message).toContain('JSON truncated');
    expect(entry.message).not.toContain('\uFFFD'); // no character split by the cut
  });

  it('keeps a huge output readable but bounded, still within the limit', () => {
    const entry = formatSnsEntry(sampleFinding({ output: 'x'.repeat(400_000) }));
    expect(entryBytes(entry)).toBeLessThanOrEqual(SNS_MAX_BYTES);
    expect(entry.message).toContain('alice@example.com');
  });
});

describe('PublishBatch packing', () => {
  const entry = (bytes: number) => ({ message: 'm'.repeat(bytes), attributes: {} });

  it('puts at most 10 entries in a batch', () => {
    const batches = packBatches(Array.from({ length: 25 }, (_, i) => ({ item: i, entry: entry(10) })));
    expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
  });

  it('keeps each batch within 256 KiB in all', () => {
    const batches = packBatches(Array.from({ length: 5 }, (_, i) => ({ item: i, entry: entry(100_000) })));
    expect(batches.map((b) => b.map((x) => x.item))).toEqual([[0, 1], [2, 3], [4]]);
    const exact = packBatches([{ item: 'a', entry: entry(SNS_MAX_BYTES / 2) }, { item: 'b', entry: entry(SNS_MAX_BYTES / 2) }, { item: 'c', entry: entry(1) }]);
    expect(exact.map((b) => b.length)).toEqual([2, 1]);
  });
});
