import { createWriteStream, existsSync, type WriteStream } from 'node:fs';
import type { Command } from 'commander';
import { readAuditLogBatches } from '../adapters/logfile/index.ts';
import type { Reject } from '../adapters/reject.ts';
import { Engine } from '../engine/index.ts';
import { atLeast, type Priority } from '../engine/priority.ts';
import { Pipeline } from '../pipeline.ts';
import { EXIT, UsageError } from './errors.ts';
import type { CliIO } from './io.ts';
import { choiceOption, collect, priorityOption } from './options.ts';
import { findingLine, rejectLine, summaryText } from './render.ts';
import { loadRulesForCli } from './rules-loading.ts';

export interface ScanOptions {
  rules?: string[];
  format: 'text' | 'json';
  minPriority?: Priority;
  ruleMatching: 'first' | 'all';
  failOn?: Priority;
  cluster?: string;
  deadLetter?: string;
}

/** Rejects printed one by one in text mode before the rest are only counted. */
const REJECTS_SHOWN = 20;

/** `kadet scan FILE…|-`: evaluates audit log files against the rules and prints findings and a summary. */
export async function scan(files: string[], opts: ScanOptions, io: CliIO): Promise<number> {
  for (const f of files) if (f !== '-' && !existsSync(f)) throw new UsageError(`no such file: ${f}`);
  const started = performance.now();
  const rules = await loadRulesForCli(opts.rules, io, opts.minPriority);
  const pipeline = new Pipeline(new Engine(rules, { matching: opts.ruleMatching }));
  const deadLetter = opts.deadLetter ? createWriteStream(opts.deadLetter) : undefined;
  const color = io.isTTY && opts.format === 'text';
  let failed = false;
  let shownRejects = 0;

  const onReject = (r: Reject): void => {
    pipeline.reject(r);
    deadLetter?.write(JSON.stringify({ kadet: 'reject', ...r }) + '\n');
    if (opts.format === 'json' || shownRejects++ < REJECTS_SHOWN) io.err(rejectLine(r));
  };

  for (const file of files) {
    for await (const batch of readAuditLogBatches(file, opts.cluster ? { origin: { cluster: opts.cluster } } : {})) {
      let text = '';
      for (const item of batch) {
        if (item.kind === 'reject') onReject(item.reject);
        else if (item.kind === 'skipped') pipeline.skip(item.count + item.control);
        else {
          for (const f of pipeline.evaluate(item.event)) {
            if (opts.failOn && atLeast(f.priority, opts.failOn)) failed = true;
            text += opts.format === 'json' ? JSON.stringify(f) + '\n' : findingLine(f, color);
          }
        }
      }
      if (text) await io.out(text);
    }
  }
  await closeStream(deadLetter);

  const summary = pipeline.summary();
  if (shownRejects > REJECTS_SHOWN && opts.format === 'text') {
    const more = shownRejects - REJECTS_SHOWN;
    io.err(`… and ${more} more rejected record(s)${opts.deadLetter ? '' : ' (use --dead-letter FILE to keep them all)'}\n`);
  }
  const text = summaryText(summary, files.length, performance.now() - started, new Map(rules.map((r) => [r.name, r.priority])));
  // In json mode stdout is for machines: the human summary goes to stderr.
  if (opts.format === 'json') io.err(text);
  else await io.out(text);
  return failed ? EXIT.findings : EXIT.ok;
}

async function closeStream(s: WriteStream | undefined): Promise<void> {
  if (!s) return;
  await new Promise<void>((resolve, reject) => s.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

/** Registers `scan` on the program; `run` records the command's exit code. */
export function registerScan(program: Command, io: CliIO, run: (code: Promise<number>) => void): void {
  program
    .command('scan')
    .description('evaluate audit log files (JSON lines, .gz, or - for stdin) against the rules')
    .argument('<files...>', 'audit log files, or - for stdin')
    .option('--rules <path>', 'rule file or directory (repeatable; default: the bundled rules/)', collect)
    .option('--format <format>', 'text or json (one finding per line)', choiceOption(['text', 'json'] as const), 'text')
    .option('--min-priority <priority>', 'drop rules below this priority', priorityOption)
    .option('--rule-matching <mode>', 'first (one finding per event, as Falco) or all', choiceOption(['first', 'all'] as const), 'first')
    .option('--fail-on <priority>', 'exit 1 when a finding at or above this priority is produced', priorityOption)
    .option('--cluster <name>', 'cluster name to attach to events read from files')
    .option('--dead-letter <file>', 'write every rejected record to this file as JSON lines')
    .action((files: string[], opts: ScanOptions) => run(scan(files, opts, io)));
}
