// `kadet rules coverage`: which behaviours the ruleset detects, with which rules and ATT&CK
// techniques, the audit level each needs, and which clouds can actually see it.
//
// The data: every rule carries `kadet: {behaviour, level}`; its condition (macros and lists
// expanded) says which verbs, resources and fields it needs where they count (not under `not`).
// Visibility is then computed from what each platform logs (the CLOUD_LIMITS notes below):
// EKS and GKE log with the upstream GCE-derived audit policy, GKE rebuilds events from Cloud
// Audit Logs, AKS splits reads into its own diagnostic category. Conditions are read from the rule
// files as written (a rule or macro changed later by `append`/`override` is read in its last full
// definition).

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Command } from 'commander';
import { parseAllDocuments } from 'yaml';
import type { Expr, Operand, RightHand } from '../engine/condition/ast.ts';
import { parseCondition } from '../engine/condition/parser.ts';
import type { CompiledRule } from '../engine/index.ts';
import { defaultRulesDir } from '../paths.ts';
import { EXIT, UsageError } from './errors.ts';
import type { CliIO } from './io.ts';
import { collect } from './options.ts';
import { loadRulesForCli } from './rules-loading.ts';

export const CLOUDS = ['EKS', 'GKE', 'AKS', 'on-prem'] as const;
export type Cloud = (typeof CLOUDS)[number];
export type Level = 'Metadata' | 'Request' | 'RequestResponse';
const LEVEL_RANK: Record<Level, number> = { Metadata: 1, Request: 2, RequestResponse: 3 };

/** yes: seen as the rule needs it; cond: seen once a logging option is on; partial: some signal lost; no: blind. */
export type Status = 'yes' | 'cond' | 'partial' | 'no';

/** What a platform does not log, as numbered notes; `blocks` says what the note does to a rule. */
export const CLOUD_LIMITS = {
  events: { note: 'Kubernetes Events are not logged (audit policy level None for events)', blocks: 'no' },
  metadataOnly: { note: 'secrets, configmaps, serviceaccounts/token and tokenreviews are logged at Metadata only: no bodies', blocks: 'no' },
  readsRequest: { note: 'get/list/watch are logged at Request level: no response bodies', blocks: 'no' },
  dataAccess: { note: 'GKE logs reads (get/list/watch) and non-resource requests only with Data Access audit logs (DATA_READ) enabled', blocks: 'cond' },
  groups: { note: 'GKE logs no user groups: group conditions read as absent', blocks: 'partial' },
  query: { note: 'GKE logs no query string: ka.uri.param and query-string matches read as absent', blocks: 'partial' },
  impersonation: { note: 'GKE does not log impersonatedUser', blocks: 'no' },
  extra: { note: 'GKE does not log user.extra (pod binding, IAM ARN)', blocks: 'partial' },
  aksReads: { note: 'AKS: get/list are only in the kube-audit category; kube-audit-admin drops them', blocks: 'cond' },
  aksBodies: { note: 'AKS replaces request/response objects above its size limit with "skipped-too-big-size-object"', blocks: 'yes' },
  policy: { note: 'self-managed: your audit policy must log the needed level for these resources (see kadet policy coverage)', blocks: 'cond' },
} as const satisfies Record<string, { note: string; blocks: Status }>;
export type LimitKey = keyof typeof CLOUD_LIMITS;

/** What one rule needs, read from its condition. */
export interface RuleNeeds {
  verbs: Set<string> | 'any';
  resources: Set<string> | 'any';
  subresources: Set<string> | 'any';
  /** Fields read where they decide a match (not under `not`), with their argument: `jevt.value[/impersonatedUser/groups]`. */
  fields: Set<string>;
}

export interface Visibility {
  status: Status;
  notes: LimitKey[];
}

export interface CoverageRow {
  behaviour: string;
  rules: string[];
  mitre: string[];
  level: Level;
  clouds: Record<Cloud, Visibility>;
}

// ---------------------------------------------------------------------------------------------
// Reading conditions
// ---------------------------------------------------------------------------------------------

interface Definitions {
  macros: Map<string, string>;
  lists: Map<string, string[]>;
  conditions: Map<string, string>;
}

async function ruleFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    if (!(await stat(p)).isDirectory()) files.push(p);
    else files.push(...(await readdir(p)).filter((f) => /\.ya?ml$/i.test(f)).sort().map((f) => join(p, f)));
  }
  return files;
}

/** Macros, lists and rule conditions of the rule files, later definitions replacing earlier ones. */
export async function readDefinitions(paths: string[]): Promise<Definitions> {
  const defs: Definitions = { macros: new Map(), lists: new Map(), conditions: new Map() };
  for (const file of await ruleFiles(paths)) {
    for (const doc of parseAllDocuments(await readFile(file, 'utf8'))) {
      const items: unknown = doc.toJS();
      if (!Array.isArray(items)) continue;
      for (const item of items as Record<string, unknown>[]) {
        if (typeof item !== 'object' || item === null) continue;
        if (typeof item.macro === 'string' && typeof item.condition === 'string') defs.macros.set(item.macro, item.condition);
        if (typeof item.list === 'string' && Array.isArray(item.items)) defs.lists.set(item.list, item.items.map(String));
        if (typeof item.rule === 'string' && typeof item.condition === 'string') defs.conditions.set(item.rule, item.condition);
      }
    }
  }
  return defs;
}

function expandList(defs: Definitions, names: string[], seen = new Set<string>()): string[] {
  return names.flatMap((n) => {
    const items = defs.lists.get(n);
    if (items === undefined || seen.has(n)) return [n];
    return expandList(defs, items, new Set([...seen, n]));
  });
}

function baseField(o: Operand): { name: string; arg?: string } {
  return o.kind === 'field' ? (o.arg === undefined ? { name: o.name } : { name: o.name, arg: o.arg }) : baseField(o.operand);
}

function values(defs: Definitions, r: RightHand): string[] {
  switch (r.kind) {
    case 'literal':
      return expandList(defs, [r.value.text]);
    case 'listname':
      return expandList(defs, [r.value.text]);
    case 'list':
      return expandList(defs, r.items.map((i) => i.text));
    case 'operand':
      return [];
  }
}

/** The verbs, resources, subresources and fields a rule's condition needs, macros expanded. */
export function ruleNeeds(condition: string, defs: Definitions): RuleNeeds {
  const verbs = new Set<string>();
  const resources = new Set<string>();
  const subresources = new Set<string>();
  const fields = new Set<string>();
  const parsed = new Map<string, Expr>();
  // Whatever sits under a `not` is an exemption (who or what is left out), not what the rule needs
  // to see: only checks outside every `not` are collected.
  const walk = (e: Expr, depth: number): void => {
    if (depth > 64) return;
    switch (e.kind) {
      case 'and':
      case 'or':
        for (const c of e.children) walk(c, depth + 1);
        return;
      case 'not':
        return;
      case 'macro': {
        const text = defs.macros.get(e.name);
        if (text === undefined) return;
        let ast = parsed.get(e.name);
        if (ast === undefined) parsed.set(e.name, (ast = parseCondition(text)));
        walk(ast, depth + 1);
        return;
      }
      case 'unary':
      case 'binary': {
        const f = baseField(e.left);
        fields.add(f.arg === undefined ? f.name : `${f.name}[${f.arg}]`);
        if (e.kind !== 'binary' || !['=', '==', 'in', 'intersects'].includes(e.op)) return;
        const into = f.name === 'ka.verb' ? verbs : f.name === 'ka.target.resource' ? resources : f.name === 'ka.target.subresource' ? subresources : undefined;
        for (const v of into ? values(defs, e.right) : []) into!.add(v);
        return;
      }
    }
  };
  walk(parseCondition(condition), 0);
  return {
    verbs: verbs.size > 0 ? verbs : 'any',
    resources: resources.size > 0 ? resources : 'any',
    subresources: subresources.size > 0 ? subresources : 'any',
    fields,
  };
}

// ---------------------------------------------------------------------------------------------
// Visibility
// ---------------------------------------------------------------------------------------------

const READS = new Set(['get', 'list', 'watch']);
const AKS_DROPPED = new Set(['get', 'list']);
const METADATA_ONLY = new Set(['secrets', 'configmaps', 'tokenreviews']);

const within = (s: Set<string> | 'any', allowed: Set<string>): boolean => s !== 'any' && [...s].every((x) => allowed.has(x));
const touches = (s: Set<string> | 'any', of: Set<string>): boolean => s === 'any' || [...s].some((x) => of.has(x));
const usesField = (n: RuleNeeds, test: (f: string) => boolean): boolean => [...n.fields].some(test);

/** The notes that apply to one rule on one platform. */
export function limitsFor(cloud: Cloud, level: Level, n: RuleNeeds): LimitKey[] {
  const out: LimitKey[] = [];
  const readsOnly = within(n.verbs, READS);
  const bodiesNeeded = LEVEL_RANK[level] >= LEVEL_RANK.Request;
  const metadataOnly =
    within(n.resources, METADATA_ONLY) || (within(n.resources, new Set(['serviceaccounts'])) && within(n.subresources, new Set(['token'])));
  if (cloud === 'EKS' || cloud === 'GKE') {
    if (within(n.resources, new Set(['events']))) out.push('events');
    if (bodiesNeeded && metadataOnly) out.push('metadataOnly');
    if (level === 'RequestResponse' && readsOnly) out.push('readsRequest');
  }
  if (cloud === 'GKE') {
    if (touches(n.verbs, READS)) out.push('dataAccess');
    if (usesField(n, (f) => f === 'ka.user.groups')) out.push('groups');
    if (usesField(n, (f) => f.startsWith('ka.uri'))) out.push('query');
    if (usesField(n, (f) => f === 'ka.impuser.name' || f.startsWith('jevt.value[/impersonatedUser'))) out.push('impersonation');
    if (usesField(n, (f) => f.startsWith('jevt.value[/user/extra'))) out.push('extra');
  }
  if (cloud === 'AKS') {
    if (touches(n.verbs, AKS_DROPPED)) out.push('aksReads');
    if (bodiesNeeded) out.push('aksBodies');
  }
  if (cloud === 'on-prem' && bodiesNeeded) out.push('policy');
  return out;
}

const STATUS_RANK: Record<Status, number> = { yes: 0, cond: 1, partial: 2, no: 3 };

/** A rule's status on a platform: the worst its notes allow; a read rule half-blind on GKE is partial. */
export function statusOf(notes: LimitKey[]): Status {
  let worst: Status = 'yes';
  for (const k of notes) if (STATUS_RANK[CLOUD_LIMITS[k].blocks] > STATUS_RANK[worst]) worst = CLOUD_LIMITS[k].blocks;
  return worst;
}

/** Several rules of one behaviour: seen when all are, blind when all are, partly seen otherwise. */
function combine(vs: Visibility[]): Visibility {
  const notes = [...new Set(vs.flatMap((v) => v.notes))].sort((a, b) => keyOrder(a) - keyOrder(b));
  const statuses = new Set(vs.map((v) => v.status));
  const status: Status = statuses.size === 1 ? vs[0]!.status : statuses.has('no') || statuses.has('partial') ? 'partial' : 'cond';
  return { status, notes };
}

const keyOrder = (k: LimitKey): number => Object.keys(CLOUD_LIMITS).indexOf(k);

interface KadetKeys {
  behaviour?: unknown;
  level?: unknown;
}

function kadetKeys(rule: CompiledRule): KadetKeys {
  const k = rule.extra['kadet'];
  return typeof k === 'object' && k !== null ? (k as KadetKeys) : {};
}

/** The coverage rows, one per behaviour, in the order behaviours first appear in the ruleset. */
export function coverageRows(rules: CompiledRule[], defs: Definitions): CoverageRow[] {
  const rows = new Map<string, { rules: CompiledRule[]; vis: Record<Cloud, Visibility[]>; level: Level; mitre: Set<string> }>();
  for (const rule of rules) {
    const k = kadetKeys(rule);
    const behaviour = typeof k.behaviour === 'string' ? k.behaviour : '(none)';
    const level: Level = k.level === 'Request' || k.level === 'RequestResponse' ? k.level : 'Metadata';
    const condition = defs.conditions.get(rule.name);
    const needs: RuleNeeds = condition
      ? ruleNeeds(condition, defs)
      : { verbs: 'any', resources: 'any', subresources: 'any', fields: new Set() };
    let row = rows.get(behaviour);
    if (!row) rows.set(behaviour, (row = { rules: [], vis: { EKS: [], GKE: [], AKS: [], 'on-prem': [] }, level, mitre: new Set() }));
    row.rules.push(rule);
    if (LEVEL_RANK[level] > LEVEL_RANK[row.level]) row.level = level;
    for (const t of rule.tags) if (/^T\d{4}(\.\d{3})?$/.test(t)) row.mitre.add(t);
    for (const cloud of CLOUDS) {
      const notes = limitsFor(cloud, level, needs);
      row.vis[cloud].push({ status: statusOf(notes), notes });
    }
  }
  return [...rows].map(([behaviour, r]) => ({
    behaviour,
    rules: r.rules.map((x) => x.name),
    mitre: [...r.mitre].sort(),
    level: r.level,
    clouds: Object.fromEntries(CLOUDS.map((c) => [c, combine(r.vis[c])])) as Record<Cloud, Visibility>,
  }));
}

// ---------------------------------------------------------------------------------------------
// Rendering and the command
// ---------------------------------------------------------------------------------------------

/** The table as Markdown, with the notes the cells refer to by number. */
export function renderMarkdown(rows: CoverageRow[]): string {
  const keys = Object.keys(CLOUD_LIMITS) as LimitKey[];
  const num = (k: LimitKey) => keys.indexOf(k) + 1;
  const cell = (v: Visibility) => (v.notes.length === 0 ? v.status : `${v.status} (${v.notes.map(num).join(',')})`);
  const esc = (s: string) => s.replaceAll('|', '\\|');
  const lines = [
    `| behaviour | rules | MITRE ATT&CK | audit level | ${CLOUDS.join(' | ')} |`,
    `|---|---|---|---|${CLOUDS.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.behaviour} | ${esc(r.rules.join('; '))} | ${r.mitre.join(' ')} | ${r.level} | ${CLOUDS.map((c) => cell(r.clouds[c])).join(' | ')} |`),
    '',
    'yes: visible as the rules need it · cond: visible once the logging option in the note is on · partial: some rules or signals are lost · no: not visible',
    '',
    ...keys.map((k) => `${num(k)}. ${CLOUD_LIMITS[k].note}`),
    '',
  ];
  return lines.join('\n');
}

export function renderJson(rows: CoverageRow[]): string {
  return `${JSON.stringify({ rows, notes: Object.fromEntries(Object.entries(CLOUD_LIMITS).map(([k, v]) => [k, v.note])) }, null, 2)}\n`;
}

/** `kadet rules coverage`: the behaviour → rules → MITRE → level → cloud visibility table. */
export async function coverageCommand(paths: string[] | undefined, format: string, io: CliIO): Promise<number> {
  if (format !== 'markdown' && format !== 'json') throw new UsageError(`--format must be markdown or json, not ${format}`);
  const targets = paths && paths.length > 0 ? paths : [defaultRulesDir()];
  const rules = await loadRulesForCli(targets, io);
  const rows = coverageRows(rules, await readDefinitions(targets));
  await io.out(format === 'json' ? renderJson(rows) : renderMarkdown(rows));
  return EXIT.ok;
}

/** Registers `rules coverage` under the `rules` command. */
export function registerRulesCoverage(rules: Command, io: CliIO, run: (code: Promise<number>) => void): void {
  rules
    .command('coverage')
    .description('print behaviour → rules → MITRE → audit level → which clouds can see it')
    .option('--rules <path>', 'rule file or directory (repeatable)', collect)
    .option('--format <format>', 'markdown (default) or json', 'markdown')
    .action((opts: { rules?: string[]; format: string }) => run(coverageCommand(opts.rules, opts.format, io)));
}
