import type { Expr } from '../condition/ast.ts';
import { ConditionCompiler, type CompileEnv } from '../condition/compiler.ts';
import { conditionInliner } from '../condition/inline.ts';
import { parseCondition } from '../condition/parser.ts';
import { ConditionError, RuleLoadError, type ItemRef } from '../errors.ts';
import type { FieldRegistry } from '../fields/types.ts';
import { compileOutput } from '../output.ts';
import { atLeast } from '../priority.ts';
import { PROGRAM, type LoadedRule } from '../program.ts';
import type { CompiledRule, LoadOptions } from '../types.ts';
import type { Collector } from './collector.ts';
import { withExceptions } from './exceptions.ts';
import type { RuleInfo } from './items.ts';
import { listLookup } from './lists.ts';
import { fromConditionError, type LoadLog } from './load-log.ts';
import { joinPieces } from './origin.ts';
import { KADET_SOURCE } from './read-rule.ts';

/**
 * Parses every macro (a syntax error is an error even in an unused macro, as in Falco); field
 * checks inside a macro are only compiled when a k8s_audit rule uses it.
 */
function parseMacros(col: Collector, log: LoadLog): Map<string, Expr | ConditionError> {
  const out = new Map<string, Expr | ConditionError>();
  for (const m of col.macros.values()) {
    const { text, origin } = joinPieces(m.cond);
    try {
      out.set(m.name, parseCondition(text, origin));
    } catch (err) {
      if (!(err instanceof ConditionError)) throw err;
      out.set(m.name, err);
      log.error(fromConditionError(err, origin, { kind: 'macro', name: m.name }));
    }
  }
  return out;
}

function compileRule(rule: RuleInfo, compiler: ConditionCompiler, fields: FieldRegistry, inline: (ast: Expr) => Expr): LoadedRule {
  const cond = joinPieces(rule.cond);
  const out = joinPieces(rule.output);
  const item: ItemRef = { kind: 'rule', name: rule.name };
  let stage = cond.origin;
  try {
    const ast = withExceptions(parseCondition(cond.text, cond.origin), rule.exceptions);
    const { test, conjuncts } = compiler.compile(ast);
    stage = out.origin;
    const output = compileOutput(out.text, fields, out.origin);
    return {
      name: rule.name,
      desc: rule.desc,
      priority: rule.priority,
      tags: [...rule.tags],
      output: out.text,
      source: KADET_SOURCE,
      file: rule.at.file.file,
      line: rule.at.file.pos(rule.at.offset).line,
      extra: rule.extra,
      [PROGRAM]: { test, conjuncts, output, condition: inline(ast) },
    };
  } catch (err) {
    if (err instanceof ConditionError) throw fromConditionError(err, stage, item, rule.name);
    throw err;
  }
}

/** Compiles every collected k8s_audit rule; errors go to the log and leave the rule out. */
export function compileRules(col: Collector, fields: FieldRegistry, log: LoadLog, opts: LoadOptions): CompiledRule[] {
  const macros = parseMacros(col, log);
  const env: CompileEnv = {
    fields,
    list: listLookup(col.lists),
    macro(name) {
      const m = macros.get(name);
      if (m instanceof ConditionError) throw m;
      return m;
    },
  };
  const compiler = new ConditionCompiler(env);
  const inline = conditionInliner(env);
  const rules: CompiledRule[] = [];
  for (const info of col.rules.values()) {
    if (info.skipped) continue;
    let rule: LoadedRule;
    try {
      rule = compileRule(info, compiler, fields, inline);
    } catch (err) {
      if (!(err instanceof RuleLoadError)) throw err;
      if (info.skipIfUnknownFilter && err.code === 'unknown-field') {
        log.notice(info.at, `rule skipped (skip-if-unknown-filter): ${err.message}`, info.name);
      } else {
        log.error(err);
      }
      continue;
    }
    // Falco compiles disabled and low-priority rules too (their errors are reported) but never runs them.
    if (!info.enabled) continue;
    if (opts.minPriority && !atLeast(info.priority, opts.minPriority)) continue;
    rules.push(rule);
  }
  return rules;
}
