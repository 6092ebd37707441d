import type { ItemRef, RuleLoadErrorCode } from '../errors.ts';
import type { ExceptionInfo, ItemAt, ListInfo, MacroInfo, RuleInfo, RuleUpdate } from './items.ts';
import { errorAt, errorAtOrigin } from './load-log.ts';
import type { TextPiece } from './origin.ts';

function fail(at: ItemAt, code: RuleLoadErrorCode, message: string, item: ItemRef): never {
  throw errorAt(at.file, at.offset, code, message, item, item.kind === 'rule' ? item.name : undefined);
}

/**
 * The items of every file read so far, with Falco's define/append/override semantics. Maps keep
 * first-definition order: redefining or appending never moves an item, so rule order is the order
 * in which each rule name first appeared.
 */
export class Collector {
  readonly lists = new Map<string, ListInfo>();
  readonly macros = new Map<string, MacroInfo>();
  readonly rules = new Map<string, RuleInfo>();

  /** Defines or redefines a list (a redefinition keeps the list's place). */
  defineList(info: ListInfo): void {
    this.lists.set(info.name, info);
  }

  /** Adds items to an earlier list. */
  appendList(name: string, items: string[], at: ItemAt): void {
    const prev = this.lists.get(name);
    if (!prev) fail(at, 'no-previous', `list has 'append' but no list named '${name}' was defined before`, { kind: 'list', name });
    prev.items.push(...items);
  }

  /** Defines or redefines a macro. */
  defineMacro(info: MacroInfo): void {
    this.macros.set(info.name, info);
  }

  /** Appends condition text to an earlier macro (joined with a space). */
  appendMacro(name: string, cond: TextPiece, at: ItemAt): void {
    const prev = this.macros.get(name);
    if (!prev) fail(at, 'no-previous', `macro has 'append' but no macro named '${name}' was defined before`, { kind: 'macro', name });
    prev.cond.push(cond);
  }

  /** Defines a rule, or replaces an earlier one of the same name and source in its place. */
  defineRule(info: RuleInfo): void {
    const prev = this.rules.get(info.name);
    if (prev && prev.source !== info.source) {
      fail(info.at, 'bad-value', `rule redefined with source '${info.source}', it was defined before with source '${prev.source}'`, { kind: 'rule', name: info.name });
    }
    this.rules.set(info.name, info);
  }

  /** `append: true` or `override: {key: append}`: conditions/outputs/descs get a space and the text. */
  appendRule(u: RuleUpdate): void {
    const prev = this.previous(u, 'append');
    const item = { kind: 'rule', name: u.name } as const;
    if (!u.cond && !u.output && !u.desc && !u.tags && !u.exceptions) fail(u.at, 'bad-value', 'appended rule must have a condition or exceptions', item);
    if (u.cond) prev.cond.push(u.cond);
    if (u.output) prev.output.push(u.output);
    if (u.desc) prev.desc += ` ${u.desc}`;
    if (u.tags) prev.tags = [...new Set([...prev.tags, ...u.tags])];
    for (const ex of u.exceptions ?? []) this.appendException(prev, ex);
    Object.assign(prev.extra, u.extra);
  }

  /** `override: {key: replace}`: each named key takes the new value. */
  replaceRule(u: RuleUpdate): void {
    const prev = this.previous(u, 'replace');
    if (u.cond) prev.cond = [u.cond];
    if (u.output) prev.output = [u.output];
    if (u.desc !== undefined) prev.desc = u.desc;
    if (u.tags) prev.tags = u.tags;
    if (u.exceptions) prev.exceptions = u.exceptions;
    if (u.priority) prev.priority = u.priority;
    if (u.enabled !== undefined) prev.enabled = u.enabled;
    if (u.skipIfUnknownFilter !== undefined) prev.skipIfUnknownFilter = u.skipIfUnknownFilter;
    Object.assign(prev.extra, u.extra);
  }

  /** The legacy `- rule: X` + `enabled: false` toggle of an earlier rule. */
  enableRule(name: string, enabled: boolean, at: ItemAt): void {
    const prev = this.rules.get(name);
    if (!prev) fail(at, 'no-previous', `rule has 'enabled' but no rule named '${name}' was defined before`, { kind: 'rule', name });
    prev.enabled = enabled;
  }

  private previous(u: RuleUpdate, how: string): RuleInfo {
    const prev = this.rules.get(u.name);
    if (!prev) fail(u.at, 'no-previous', `rule has '${how}' but no rule named '${u.name}' was defined before`, { kind: 'rule', name: u.name });
    return prev;
  }

  private appendException(rule: RuleInfo, ex: ExceptionInfo): void {
    const item = { kind: 'rule', name: rule.name } as const;
    const bad = (message: string): never => {
      throw errorAtOrigin(ex.origin, 'exception', message, item, rule.name);
    };
    const prev = rule.exceptions.find((e) => e.name === ex.name);
    if (!prev) {
      if (!ex.fields) bad(`new exception '${ex.name}' must have 'fields'`);
      if (ex.values.length === 0) bad(`new exception '${ex.name}' must have 'values'`);
      rule.exceptions.push(ex);
      return;
    }
    if (ex.fields) bad(`cannot append fields to existing exception '${ex.name}', only values`);
    if (ex.comps) bad(`cannot append comps to existing exception '${ex.name}', only values`);
    prev.values.push(...ex.values);
  }
}
