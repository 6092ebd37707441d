// The README's field table, generated from the registry so it cannot drift from the code.

import type { FieldDef, FieldRegistry } from './types.ts';

const cell = (s: string): string => s.replace(/\r?\n/g, ' ').replaceAll('|', '\\|');

function argText(def: FieldDef): string {
  if (def.arg === undefined) return '';
  return `${def.arg.kind} (${def.arg.required ? 'required' : 'optional'})`;
}

/** A Markdown table of every field: name, type, list, argument and description. */
export function renderFieldTable(registry: FieldRegistry): string {
  const rows = registry
    .all()
    .map((def) => `| \`${def.name}\` | ${def.type} | ${def.isList ? 'yes' : ''} | ${argText(def)} | ${cell(def.doc)} |`);
  return ['| Name | Type | List | Arg | Description |', '|---|---|---|---|---|', ...rows].join('\n') + '\n';
}
