import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RuleLoadError } from '../errors.ts';
import type { FieldRegistry } from '../fields/types.ts';
import type { LoadOptions, LoadResult, RuleFileSource } from '../types.ts';
import { Collector } from './collector.ts';
import { compileRules } from './compile.ts';
import { LoadLog } from './load-log.ts';
import { readSource } from './reader.ts';

/** Loads rule sources in order (later files may use and append to earlier ones); never throws on bad input. */
export function loadRuleSources(sources: RuleFileSource[], fields: FieldRegistry, opts: LoadOptions = {}): LoadResult {
  const col = new Collector();
  const log = new LoadLog();
  for (const source of sources) readSource(source, col, log);
  const rules = compileRules(col, fields, log, opts);
  return { rules, notices: log.notices, errors: log.errors, requirements: log.requirements };
}

const RULE_FILE = /\.ya?ml$/i;

/** The rule files a path stands for: itself, or a directory's *.yaml|*.yml sorted by name (not recursive). */
async function expand(path: string): Promise<string[]> {
  const st = await stat(path);
  if (!st.isDirectory()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  // Sub-directories (notably tests/, which holds rule test cases) are never rule files.
  return entries
    .filter((e) => e.isFile() && RULE_FILE.test(e.name))
    .map((e) => e.name)
    .sort()
    .map((name) => join(path, name));
}

function ioError(file: string, err: unknown): RuleLoadError {
  const why = err instanceof Error ? err.message : String(err);
  return new RuleLoadError(`cannot read rules: ${why}`, 'io', { file, line: 1, column: 1 }, { cause: err });
}

/** Reads files or directories (dirs: *.yaml|*.yml sorted by name, non-recursive; a `tests/` subdir is ignored) then loadRuleSources. */
export async function loadRulePaths(paths: string[], fields: FieldRegistry, opts: LoadOptions = {}): Promise<LoadResult> {
  const sources: RuleFileSource[] = [];
  const ioErrors: RuleLoadError[] = [];
  for (const path of paths) {
    let files: string[];
    try {
      files = await expand(path);
    } catch (err) {
      ioErrors.push(ioError(path, err));
      continue;
    }
    for (const file of files) {
      try {
        sources.push({ file, text: await readFile(file, 'utf8') });
      } catch (err) {
        ioErrors.push(ioError(file, err));
      }
    }
  }
  const result = loadRuleSources(sources, fields, opts);
  return { ...result, errors: [...ioErrors, ...result.errors] };
}
