import { runCli, tempFiles } from '../helpers/cli.ts';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../shared/paths.ts';

const root = packageRoot();
const sample = join(root, 'events', 'audit.log');
const { dir, write } = tempFiles('kadet-cli-');
const run = runCli;
const sampleLines = readFileSync(sample, 'utf8').split('\n').filter(Boolean);

describe('kadet scan', () => {
  it('finds every step of the sample attack story and prints a summary', async () => {
    const { code, out } = await run('scan', sample);
    expect(code).toBe(0);
    for (const rule of [
      'Anonymous Request Allowed',
      'Secrets Listed Across All Namespaces',
      'Exec Into Control-Plane Namespace Pod',
      'Pod Mounts Sensitive Host Path',
      'Binding to cluster-admin Created',
    ]) {
      expect(out).toContain(`[${rule}]`);
    }
    expect(out).toMatch(/scanned 1 file\(s\): 3,787 records, 3,787 events evaluated, 0 rejected/);
    expect(out).toMatch(/^findings: 36$/m);
  });

  it('writes one Falco-style JSON finding per stdout line in json mode, summary on stderr', async () => {
    const { code, out, err } = await run('scan', sample, '--format', 'json');
    expect(code).toBe(0);
    const findings = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(findings).toHaveLength(36);
    for (const f of findings) {
      expect(Object.keys(f)).toEqual(['time', 'rule', 'priority', 'output', 'output_fields', 'source', 'tags', 'hostname', 'kadet']);
      expect(f['source']).toBe('k8s_audit');
    }
    expect(err).toMatch(/^findings: 36$/m);
  });

  it('exits 1 with --fail-on when a finding reaches that priority, 0 when none does', async () => {
    expect((await run('scan', sample, '--fail-on', 'critical', '--format', 'json')).code).toBe(1);
    expect((await run('scan', sample, '--fail-on', 'Emergency', '--format', 'json')).code).toBe(0);
  });

  it('drops rules below --min-priority before evaluation', async () => {
    const { out } = await run('scan', sample, '--format', 'json', '--min-priority', 'Error');
    const priorities = new Set(out.trim().split('\n').map((l) => (JSON.parse(l) as { priority: string }).priority));
    expect([...priorities].sort()).toEqual(['Critical', 'Error']);
  });

  it('reports every matching rule per event with --rule-matching all', async () => {
    const first = (await run('scan', sample, '--format', 'json')).out.trim().split('\n').length;
    const all = (await run('scan', sample, '--format', 'json', '--rule-matching', 'all')).out.trim().split('\n').length;
    expect(all).toBeGreaterThan(first);
  });

  it('counts and shows malformed lines with file:line, and still evaluates the good ones', async () => {
    const anon = sampleLines.find((l) => l.includes('"system:anonymous"') && l.includes('"/version"'))!;
    const file = write('mixed.log', `not json\n${anon}\n{"verb":"get"}\n`);
    const dead = join(dir, 'dead.jsonl');
    const { code, out, err } = await run('scan', file, '--dead-letter', dead);
    expect(code).toBe(0);
    expect(out).toContain('[Anonymous Request Allowed]');
    expect(out).toMatch(/3 records, 1 events evaluated, 2 rejected/);
    expect(err).toContain(`rejected ${file}:1: json:`);
    expect(err).toContain(`rejected ${file}:3: event: level: is required`);
    const kept = readFileSync(dead, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kadet: string; where: { line: number } });
    expect(kept.map((r) => [r.kadet, r.where.line])).toEqual([
      ['reject', 1],
      ['reject', 3],
    ]);
  });

  it('reads gzip-compressed logs', async () => {
    const file = write('audit.log.gz', gzipSync(sampleLines.slice(0, 500).join('\n') + '\n'));
    expect((await run('scan', file)).out).toMatch(/500 records, 500 events evaluated/);
  });

  it('exits 2 on a file that does not exist', async () => {
    const { code, err } = await run('scan', join(dir, 'nope.log'));
    expect(code).toBe(2);
    expect(err).toContain('no such file');
  });

  it('exits 2 and points at the line and column of a rule error', async () => {
    const rules = write('bad.yaml', '- rule: Broken\n  desc: d\n  condition: ka.verb = get and ka.usr.name = bob\n  output: o\n  priority: Warning\n  source: k8s_audit\n');
    const { code, err } = await run('scan', sample, '--rules', rules);
    expect(code).toBe(2);
    expect(err).toMatch(new RegExp(`${rules.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+`));
    expect(err).toContain('ka.usr.name');
    expect(err).toContain('^');
  });

  it('exits 2 on an unknown option value', async () => {
    expect((await run('scan', sample, '--format', 'xml')).code).toBe(2);
  });
});

describe('kadet rules', () => {
  it('lint exits 0 on the shipped rules and 1 on a broken file', async () => {
    expect((await run('rules', 'lint')).code).toBe(0);
    const bad = write('bad2.yaml', '- rule: X\n  desc: d\n  condition: ka.verb = \n  output: o\n  priority: Loud\n');
    const { code, err } = await run('rules', 'lint', bad);
    expect(code).toBe(1);
    expect(err).toContain(bad);
  });

  it('test runs the shipped fixtures and passes', async () => {
    const { code, out } = await run('rules', 'test');
    expect(code).toBe(0);
    expect(out).toMatch(/rule tests: \d+ passed, 0 failed/);
  });
});

describe('the kadet executable', () => {
  it('scans stdin with - through the real bin script', () => {
    const r = spawnSync(process.execPath, [join(root, 'shared/cli/kadet.js'), 'scan', '-', '--format', 'json'], {
      input: sampleLines.slice(0, 1000).join('\n'),
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/1,000 records, 1,000 events evaluated/);
  });
});
