import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldLevel } from '../../shared/engine/analysis/index.ts';
import { fieldRegistry } from '../../shared/engine/fields/index.ts';
import type { AuditEvent, CanonicalEvent } from '../../shared/event/types.ts';
import { projectEvent } from '../../shared/policy/project.ts';
import { packageRoot } from '../../shared/paths.ts';

// The sample log's events that carry a request or response object: pod, binding and service-account creates.
const bodies: AuditEvent[] = readFileSync(join(packageRoot(), 'events', 'audit.log'), 'utf8')
  .split('\n')
  .filter((l) => l.includes('"requestObject"') || l.includes('"responseObject"'))
  .map((l) => JSON.parse(l) as AuditEvent);

const ARGS: Record<string, (string | undefined)[]> = {
  'jevt.value': ['/requestObject/spec', '/responseObject/metadata/name', '/requestObject', '/verb', '/objectRef/name', 'user/username'],
  'ka.uri.param': ['container'],
};

// Fields whose value may differ by design: kadet.level is the level itself (atoms.ts reads a check
// on it as the level it asks for); ka.target.pod.name falls back to the response only for pods
// created with generateName, and counts as Metadata (field-levels.ts).
const BY_DESIGN = new Set(['kadet.level', 'ka.target.pod.name']);

const canonical = (event: AuditEvent): CanonicalEvent => ({ event, origin: { provider: 'file' } });

describe('fieldLevel', () => {
  it('has sample events with bodies to check against', () => {
    expect(bodies.length).toBeGreaterThan(5);
  });

  it('gives every field a level at which it reads the same value as from the full event', () => {
    const wrong: string[] = [];
    for (const def of fieldRegistry.all().filter((d) => !BY_DESIGN.has(d.name))) {
      const args = ARGS[def.name] ?? (def.arg?.required ? [] : [undefined, ...(def.arg ? ['0'] : [])]);
      for (const arg of args) {
        const level = fieldLevel(def.name, arg);
        for (const ev of bodies) {
          const full = def.extract(canonical(ev), arg);
          const cut = projectEvent(ev, level, []);
          const at = cut === undefined ? undefined : def.extract(canonical(cut), arg);
          if (JSON.stringify(at) !== JSON.stringify(full)) wrong.push(`${def.name}[${arg ?? ''}] at ${level}`);
        }
      }
    }
    expect([...new Set(wrong)]).toEqual([]);
  });

  it('says which fields need a body', () => {
    expect(fieldLevel('ka.req.pod.containers.image', undefined)).toBe('Request');
    expect(fieldLevel('ka.resp.name', undefined)).toBe('RequestResponse');
    expect(fieldLevel('json.value', 'requestObject/spec')).toBe('Request');
    expect(fieldLevel('ka.user.name', undefined)).toBe('Metadata');
  });
});
