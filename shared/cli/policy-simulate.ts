import { existsSync } from 'node:fs';
import { readAuditLogFile } from '../adapters/logfile/index.ts';
import { Engine } from '../engine/index.ts';
import type { AuditLevel } from '../event/types.ts';
import { LEVELS } from '../policy/index.ts';
import { Simulation, type SimulationReport } from '../policy/simulate.ts';
import type { VolumeRow } from '../policy/volume-table.ts';
import { EXIT, UsageError } from './errors.ts';
import type { CliIO } from './io.ts';
import { loadPolicyForCli } from './policy-load.ts';
import { bytes, num, percent, table } from './policy-table.ts';
import { loadRulesForCli } from './rules-loading.ts';

export interface SimulateOptions {
  rules?: string[];
  top: number;
  format: 'text' | 'json';
}

/** `kadet policy simulate POLICY LOG…`: what the policy would have written, and which rules lose findings; exit 1 when any does. */
export async function simulate(file: string, logs: string[], opts: SimulateOptions, io: CliIO): Promise<number> {
  for (const f of logs) if (f !== '-' && !existsSync(f)) throw new UsageError(`no such file: ${f}`);
  const policy = loadPolicyForCli(file, io);
  const engine = new Engine(await loadRulesForCli(opts.rules, io), { matching: 'all' });
  const sim = new Simulation(policy, (ce) => engine.evaluate(ce).map((m) => m.rule.name));
  let rejected = 0;
  for (const log of logs) {
    for await (const item of readAuditLogFile(log)) {
      if (item.kind === 'event') sim.add(item.event);
      else if (item.kind === 'reject') rejected++;
    }
  }
  if (rejected > 0) io.err(`${num(rejected)} record(s) could not be read as audit events (kadet scan shows why)\n`);
  const report = sim.report(opts.top);
  if (opts.format === 'json') await io.out(JSON.stringify({ policy: file, logs, ...report }, null, 2) + '\n');
  else await io.out(simulationText(report, file, logs.length));
  return report.rules.some((r) => r.lost > 0) ? EXIT.findings : EXIT.ok;
}

/** The simulation for people: levels, reduction, heaviest users and resources, rules losing findings. */
export function simulationText(r: SimulationReport, file: string, logs: number): string {
  const out: string[] = [];
  out.push(`${file} replayed on ${num(r.input.events)} event(s) (${bytes(r.input.bytes)}) from ${logs} log(s)\n\n`);
  const levelRows = (LEVELS as readonly AuditLevel[]).map((l) => [l, num(r.byLevel[l].events), bytes(r.byLevel[l].inputBytes), bytes(r.byLevel[l].writtenBytes)]);
  out.push(table(['LEVEL', 'EVENTS', 'RECORDED', 'WRITTEN'], levelRows, [1, 2, 3]));
  if (r.omittedStage.events > 0) out.push(`(${num(r.omittedStage.events)} event(s) not written because their stage is omitted)\n`);
  out.push(`\nwritten: ${num(r.written.events)} event(s), ${bytes(r.written.bytes)}: ${percent(r.reduction.events)} fewer events, ${percent(r.reduction.bytes)} fewer bytes than recorded\n`);
  if (r.recordedBelowPolicy > 0) out.push(`${num(r.recordedBelowPolicy)} event(s) were recorded below the level this policy gives them: their written size is a lower bound\n`);
  out.push(`\ntop users by bytes written\n${volumeTable('USER', r.topUsers)}`);
  out.push(`\ntop resources by bytes written\n${volumeTable('RESOURCE', r.topResources)}`);
  const losing = r.rules.filter((x) => x.lost > 0);
  if (losing.length > 0) {
    out.push(`\nrules that would lose findings (the policy blinds them)\n`);
    out.push(table(['RULE', 'RECORDED', 'AFTER', 'LOST'], losing.map((x) => [x.rule, num(x.original), num(x.projected), num(x.lost)]), [1, 2, 3]));
  }
  const kept = r.rules.length - losing.length;
  out.push(`\n${losing.length} rule(s) lose findings, ${kept} rule(s) that fired keep all of them\n`);
  return out.join('');
}

function volumeTable(what: string, rows: readonly VolumeRow[]): string {
  return table([what, 'EVENTS', 'WRITTEN', 'RECORDED'], rows.map((v) => [v.key, num(v.events), bytes(v.writtenBytes), bytes(v.inputBytes)]), [1, 2, 3]);
}
