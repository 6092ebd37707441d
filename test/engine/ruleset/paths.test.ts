import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRulePaths } from '../../../shared/engine/index.ts';
import { fakeFields } from '../fake-fields.ts';
import { ruleYaml } from './helpers.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kadet-rules-'));
  await writeFile(join(dir, '20-local.yml'), '- list: verbs\n  items: [get]\n  append: true\n');
  await writeFile(join(dir, '10-base.yaml'), `- list: verbs\n  items: [create]\n${ruleYaml('Base', 'ka.verb in (verbs)')}`);
  await writeFile(join(dir, 'README.md'), 'not rules');
  await mkdir(join(dir, 'tests'));
  await writeFile(join(dir, 'tests', 'base.tests.yaml'), 'this: is not a rules file\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadRulePaths', () => {
  it('reads a directory’s yaml files sorted by name, skipping tests/ and other files', async () => {
    const res = await loadRulePaths([dir], fakeFields);
    expect(res.errors).toEqual([]);
    expect(res.rules.map((r) => r.name)).toEqual(['Base']);
    expect(res.rules[0]?.file).toBe(join(dir, '10-base.yaml'));
    // 20-local.yml appended to the list defined by 10-base.yaml, so the order was respected.
    expect(res.notices.some((n) => n.file.endsWith('20-local.yml'))).toBe(true);
  });

  it('reads single files in the order given', async () => {
    const res = await loadRulePaths([join(dir, '20-local.yml'), join(dir, '10-base.yaml')], fakeFields);
    expect(res.errors.map((e) => e.code)).toEqual(['no-previous']);
  });

  it('reports a missing path as an io error instead of throwing', async () => {
    const res = await loadRulePaths([join(dir, 'missing.yaml')], fakeFields);
    expect(res.errors[0]?.code).toBe('io');
    expect(res.errors[0]?.location.file).toBe(join(dir, 'missing.yaml'));
  });
});
