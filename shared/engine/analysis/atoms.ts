// One field check of a condition as boxes: exact when it tests a dimension the policy sees with
// =, ==, !=, in, intersects, startswith or exists; otherwise unknown (any request may pass it),
// narrowed only by what the apiserver guarantees (implications.ts).

import type { BinaryCheck, Operand, UnaryCheck } from '../condition/ast.ts';
import type { AuditLevel } from '../../event/types.ts';
import { boxOf, maxLevel, topBox, type Box, type Dimension } from './box.ts';
import { type Approx, unknown } from './approx.ts';
import { dimensionOf } from './field-dims.ts';
import { fieldLevel } from './field-levels.ts';
import { impliedBy } from './implications.ts';
import { complement, contains, prefixOf, valuesOf, type ValueSet } from './value-set.ts';

/** Every field an operand reads, transformers and val() included, as [name, arg] pairs. */
export function operandFields(o: Operand): [string, string | undefined][] {
  return o.kind === 'transform' ? operandFields(o.operand) : [[o.name, o.arg]];
}

/** The approximation of one check; with `provider`, a kadet.provider check is true or false. */
export function checkApprox(e: UnaryCheck | BinaryCheck, provider?: string): Approx {
  const read = [...operandFields(e.left), ...(e.kind === 'binary' && e.right.kind === 'operand' ? operandFields(e.right.operand) : [])];
  const level = read.map(([n, a]) => fieldLevel(n, a)).reduce(maxLevel, 'Metadata');
  if (e.left.kind !== 'field') return unknown(level);
  const { name, arg } = e.left;
  const dim = dimensionOf(name, arg);
  if (e.kind === 'unary') {
    if (dim === undefined || dim === 'groups') return unknown(level);
    if (dim === 'provider' && provider !== undefined) return constant(true, level);
    return exact(boxOf(level, { [dim]: complement(valuesOf([], true)) }));
  }
  const values = literals(e);
  if (values === undefined) return unknown(level);
  const asked = levelAsked(name, e.op, values);
  if (asked !== undefined) return { may: [topBox(asked)], must: [], level: asked };
  const implied = impliedBy(name, arg, e.op, values);
  if (dim === 'groups') {
    if (e.op !== 'intersects') return unknown(level);
    const box = boxOf(level, implied ?? {}, { hit: [values], miss: new Set() });
    return { may: [box], must: [boxOf(level, {}, { hit: [values], miss: new Set() })], level };
  }
  const set = dim === undefined ? undefined : valueSet(e.op, values);
  if (dim === 'provider' && set !== undefined && provider !== undefined) return constant(contains(set, provider), level);
  if (set === undefined) return implied === undefined ? unknown(level) : { may: [boxOf(level, implied)], must: [], level };
  return exact(boxOf(level, { ...implied, [dim as Dimension]: set }));
}

// A check whose outcome is known: every request or none.
function constant(holds: boolean, level: AuditLevel): Approx {
  const all = holds ? [topBox(level)] : [];
  return { may: all, must: all, level };
}

function exact(box: Box): Approx {
  return { may: [box], must: [box], level: box.level };
}

// kadet.level is the level the event was written at: `kadet.level in (Request, …)` fires only on
// events written at one of those levels, so it needs the lowest of them.
function levelAsked(field: string, op: string, values: readonly string[]): AuditLevel | undefined {
  if (field !== 'kadet.level' || !['=', '==', 'in'].includes(op)) return undefined;
  const order: readonly string[] = ['Metadata', 'Request', 'RequestResponse'];
  const ranks = values.map((v) => order.indexOf(v));
  return ranks.length === 0 || ranks.some((r) => r < 0) ? undefined : (order[Math.min(...ranks)] as AuditLevel);
}

// The literal values on the right, or undefined when it reads another field.
function literals(e: BinaryCheck): string[] | undefined {
  const r = e.right;
  if (r.kind === 'operand') return undefined;
  if (r.kind === 'list') return r.items.map((i) => i.text);
  return [r.value.text];
}

// Falco: a comparison with an absent value is false, so = and in never hold for "absent", and != does not either.
function valueSet(op: string, values: readonly string[]): ValueSet | undefined {
  switch (op) {
    case '=':
    case '==':
      return values.length === 1 ? valuesOf(values) : undefined;
    case 'in':
    case 'intersects':
      return valuesOf(values);
    case 'startswith':
      return values.length === 1 ? prefixOf(values[0]!) : undefined;
    case '!=':
      return values.length === 1 ? complement(valuesOf(values, true)) : undefined;
    default:
      return undefined;
  }
}
