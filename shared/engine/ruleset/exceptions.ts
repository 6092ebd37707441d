import type { BinaryCheck, Expr, Literal, RightHand } from '../condition/ast.ts';
import { parseFieldText } from '../condition/parser.ts';
import { LIST_OPS, NUM_OPS, SYMBOL_STR_OPS, WORD_STR_OPS, type Operator } from '../condition/tokens.ts';
import { ConditionError } from '../errors.ts';
import type { Entry, ExceptionInfo } from './items.ts';

// Builds the AST Falco would get from its textual expansion of `exceptions:` (rule_loader_compiler
// build_rule_exception_infos): the rule becomes `(condition) and not (exc1) and not (exc2) …`.

const BINARY_OPS = new Set<string>([...NUM_OPS, ...SYMBOL_STR_OPS, ...WORD_STR_OPS, ...LIST_OPS]);
const SINGLE_FIELD_OPS = new Set<string>(['in', 'pmatch', 'intersects']);

function fail(message: string, at: Entry | ExceptionInfo): never {
  throw new ConditionError(message, 'exception', 0, at.origin);
}

/** A value as Falco's textual expansion would read it: already-quoted text is unquoted, text with blanks is literal. */
function literal(e: Entry): Literal {
  const text = e.item ?? '';
  const q = text[0];
  if ((q === '"' || q === "'") && text.length >= 2 && text.endsWith(q)) return { text: text.slice(1, -1), quoted: true, pos: 0, src: e.origin };
  return { text, quoted: /\s/.test(text), pos: 0, src: e.origin };
}

function scalarItems(e: Entry, what: string): Literal[] {
  return (e.items ?? []).map((x) => {
    if (x.items) fail(`${what} must contain strings, not nested lists`, x);
    return literal(x);
  });
}

function check(field: Entry, op: string, right: RightHand, at: Entry): BinaryCheck {
  if (!BINARY_OPS.has(op)) fail(`'${op}' is not a supported comparison operator`, at);
  const left = parseFieldText(field.item ?? '', field.origin);
  return { kind: 'binary', op: op as Exclude<Operator, 'exists'>, opPos: 0, left, right, pos: 0, src: field.origin };
}

function singleField(ex: ExceptionInfo, fields: Entry): Expr | undefined {
  const comps = ex.comps ?? { origin: ex.origin, item: 'in' };
  if (comps.items) fail(`exception '${ex.name}': when fields is a single field, comps must be a single operator too`, comps);
  if (!SINGLE_FIELD_OPS.has(comps.item ?? '')) fail(`exception '${ex.name}': with a single field, comps must be in, pmatch or intersects`, comps);
  const items: Literal[] = [];
  for (const v of ex.values) {
    if (v.items) fail(`exception '${ex.name}': with a single field, values must be a flat list of strings`, v);
    items.push(literal(v));
  }
  if (items.length === 0) return undefined;
  return check(fields, comps.item!, { kind: 'list', items, pos: 0 }, fields);
}

function fieldList(ex: ExceptionInfo, fields: Entry[]): Expr | undefined {
  const comps: Entry[] = ex.comps?.items ?? (ex.comps ? fail(`exception '${ex.name}': comps must be a list like fields`, ex.comps) : fields.map((f) => ({ origin: f.origin, item: '=' })));
  if (comps.length !== fields.length) fail(`exception '${ex.name}': fields and comps lists must have equal length`, ex.comps ?? ex);
  const alternatives: Expr[] = [];
  for (const tuple of ex.values) {
    const cells = tuple.items;
    if (!cells) fail(`exception '${ex.name}': each value must be a list with one entry per field`, tuple);
    if (cells.length !== fields.length) fail(`exception '${ex.name}': fields and values lists must have equal length`, tuple);
    const checks = fields.map((f, k): Expr => {
      const comp = comps[k]!;
      if (f.items || comp.items) fail(`exception '${ex.name}': fields and comps must be lists of strings`, f.items ? f : comp);
      const cell = cells[k]!;
      const op = comp.item!;
      let right: RightHand;
      if (cell.items) right = { kind: 'list', items: scalarItems(cell, `exception '${ex.name}' values`), pos: 0 };
      else if ((LIST_OPS as readonly string[]).includes(op)) right = { kind: 'list', items: [literal(cell)], pos: 0 };
      else right = { kind: 'literal', value: literal(cell) };
      return check(f, op, right, comp);
    });
    alternatives.push(checks.length === 1 ? checks[0]! : { kind: 'and', children: checks, pos: 0, src: tuple.origin });
  }
  if (alternatives.length === 0) return undefined;
  return alternatives.length === 1 ? alternatives[0]! : { kind: 'or', children: alternatives, pos: 0, src: ex.origin };
}

/** The expression an exception excludes; undefined when it has no values (it then excludes nothing). */
export function exceptionExpr(ex: ExceptionInfo): Expr | undefined {
  if (!ex.fields) fail(`exception '${ex.name}' must have 'fields'`, ex);
  return ex.fields.items ? fieldList(ex, ex.fields.items) : singleField(ex, ex.fields);
}

/** `(condition) and not (exc1) and not (exc2) …` */
export function withExceptions(cond: Expr, exceptions: readonly ExceptionInfo[]): Expr {
  const excluded = exceptions.map(exceptionExpr).filter((e): e is Expr => e !== undefined);
  if (excluded.length === 0) return cond;
  const nots: Expr[] = excluded.map((e) => ({ kind: 'not', child: e, pos: e.pos, src: e.src }));
  return { kind: 'and', children: [cond, ...nots], pos: cond.pos, src: cond.src };
}
