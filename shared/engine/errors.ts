import { KadetError, formatLocation } from '../errors.ts';

/** Stable codes of rule-file problems; tools and tests match on these, never on message text. */
export type RuleLoadErrorCode =
  | 'yaml-syntax'
  | 'yaml-shape'
  | 'missing-key'
  | 'bad-value'
  | 'no-previous'
  | 'override'
  | 'exception'
  | 'condition-syntax'
  | 'bad-escape'
  | 'unknown-field'
  | 'field-arg'
  | 'unknown-macro'
  | 'macro-cycle'
  | 'operator'
  | 'bad-literal'
  | 'bad-regex'
  | 'limit'
  | 'output'
  | 'io';

export interface RuleLocation {
  file: string;
  line: number;
  column: number;
  rule?: string;
}

/** Which rule-file item a problem belongs to, for the `rule 'Foo':` prefix. */
export interface ItemRef {
  kind: 'rule' | 'macro' | 'list' | 'exception';
  name: string;
}

/** A problem in a rule file, pointing at the exact line and column. */
export class RuleLoadError extends KadetError {
  declare readonly location: RuleLocation;
  declare readonly code: RuleLoadErrorCode;

  constructor(
    message: string,
    code: RuleLoadErrorCode,
    location: RuleLocation,
    readonly details: { item?: ItemRef; sourceLine?: string; cause?: unknown } = {},
  ) {
    super(message, code, location, details.cause === undefined ? undefined : { cause: details.cause });
  }

  /** Falco-like rendering: `file:line:col: rule 'Foo': message`, the source line, a caret under the column. */
  format(): string {
    const item = this.details.item;
    const rule = this.location.rule;
    const usedBy = item && item.kind !== 'rule' && rule !== undefined ? ` (used by rule '${rule}')` : '';
    const prefix = item ? `${item.kind} '${item.name}'${usedBy}: ` : rule !== undefined ? `rule '${rule}': ` : '';
    let out = `${formatLocation(this.location)}: ${prefix}${this.message}`;
    const src = this.details.sourceLine;
    if (src !== undefined) {
      // Tabs are copied into the caret line so the caret stays aligned in a terminal.
      const lead = src.slice(0, Math.max(0, this.location.column - 1)).replace(/[^\t]/g, ' ');
      out += `\n${src}\n${lead}^`;
    }
    return out;
  }
}

/**
 * A problem inside one condition or output text, at a character offset of that text. `src` is the
 * opaque origin the parser was given, so the loader can map the offset back into the YAML file.
 */
export class ConditionError extends KadetError {
  declare readonly code: RuleLoadErrorCode;

  constructor(
    message: string,
    code: RuleLoadErrorCode,
    readonly offset: number,
    readonly src?: unknown,
  ) {
    super(message, code);
  }
}
