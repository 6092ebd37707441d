import { KadetError } from '../../errors.ts';

/** A rule that cannot be analysed: it was not produced by the loader, so its condition is unknown. */
export class RuleAnalysisError extends KadetError {
  constructor(message: string, rule: string, file: string, line: number) {
    super(message, 'rule-analysis', { rule, file, line });
  }
}
