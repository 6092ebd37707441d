import { ConditionError } from './errors.ts';
import type { FieldRegistry } from './fields/types.ts';
import type { EvalContext } from './condition/context.ts';
import { slotFor } from './condition/slots.ts';

/** One `%field` of an output: its key as written (`ka.uri.param[command]`) and its cache slot. */
export interface OutputField {
  key: string;
  slot: number;
  /** List fields print as `(a,b)`, as libsinsp prints multi-valued fields. */
  listValued: boolean;
  /** `%20field` pads or cuts the value to 20 characters. */
  width: number;
}

/** A compiled output: literals[i] comes before fields[i]; there is one more literal than fields. */
export interface OutputTemplate {
  literals: string[];
  fields: OutputField[];
}

export interface RenderedOutput {
  output: string;
  outputFields: Record<string, string | null>;
}

const NAME_RUN = /[A-Za-z0-9_.]+/y;
const WIDTH = /[0-9]+/y;

function readRun(re: RegExp, text: string, at: number): string {
  re.lastIndex = at;
  return re.exec(text)?.[0] ?? '';
}

/**
 * Compiles a Falco output format. As in libsinsp, `%` starts a field whose name is the longest
 * registered name at that point (so `%ka.target.name/%ka.target.resource` reads two fields) and
 * there is no escape for a literal `%`. Throws ConditionError at the offending offset.
 */
export function compileOutput(text: string, fields: FieldRegistry, src?: unknown): OutputTemplate {
  const literals: string[] = [];
  const out: OutputField[] = [];
  let lit = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c !== '%') {
      lit += c;
      i++;
      continue;
    }
    const at = i;
    const widthText = readRun(WIDTH, text, i + 1);
    let j = i + 1 + widthText.length;
    const run = readRun(NAME_RUN, text, j);
    let name = run;
    while (name && !fields.get(name)) name = name.slice(0, -1);
    const def = name ? fields.get(name) : undefined;
    if (!def) {
      const what = run ? `unknown field '${run}' in output` : "'%' must be followed by a field name (there is no escape for a literal %)";
      throw new ConditionError(what, run ? 'unknown-field' : 'output', at, src);
    }
    j += name.length;
    let arg: string | undefined;
    if (def.arg && text[j] === '[') {
      const close = text.indexOf(']', j + 1);
      if (close < 0) throw new ConditionError(`missing ']' after '%${name}['`, 'output', j, src);
      arg = text.slice(j + 1, close);
      j = close + 1;
    }
    if (arg === undefined && def.arg?.required) throw new ConditionError(`field '${name}' requires an argument, as in %${name}[…]`, 'field-arg', at, src);
    if (arg !== undefined && def.arg?.kind === 'index' && !/^[0-9]+$/.test(arg)) {
      throw new ConditionError(`field '${name}' takes a numeric index, not '${arg}'`, 'field-arg', at, src);
    }
    literals.push(lit);
    lit = '';
    out.push({
      key: arg === undefined ? name : `${name}[${arg}]`,
      slot: slotFor(def, arg, [], []),
      listValued: def.isList && arg === undefined,
      width: widthText ? Number(widthText) : 0,
    });
    i = j;
  }
  literals.push(lit);
  return { literals, fields: out };
}

/** Renders an output for the event in `ctx`: absent values print `<NA>` and map to null. */
export function renderOutput(t: OutputTemplate, ctx: EvalContext): RenderedOutput {
  const outputFields: Record<string, string | null> = {};
  let output = t.literals[0]!;
  for (let k = 0; k < t.fields.length; k++) {
    const f = t.fields[k]!;
    const v = ctx.get(f.slot);
    let s: string | null;
    if (v === undefined) s = null;
    else if (typeof v === 'object') s = `(${v.join(',')})`;
    else s = f.listValued ? `(${String(v)})` : String(v);
    outputFields[f.key] = s;
    let shown = s ?? '<NA>';
    if (f.width > 0) shown = shown.length > f.width ? shown.slice(0, f.width) : shown.padEnd(f.width, ' ');
    output += shown + t.literals[k + 1]!;
  }
  return { output, outputFields };
}
