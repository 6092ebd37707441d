import type { CompiledRule } from '../types.ts';
import { declaredLevel, type RuleNeeds } from './needs.ts';

/** A lint-style finding about a rule's declared needs. */
export interface NeedsWarning {
  severity: 'warning';
  code: 'level-mismatch' | 'invalid-level';
  rule: string;
  file: string;
  line: number;
  message: string;
}

const LEVELS: readonly string[] = ['None', 'Metadata', 'Request', 'RequestResponse'];

/** Where `kadet.level` disagrees with what the condition reads, or is not a level at all. */
export function checkDeclaredLevel(rule: CompiledRule, needs: RuleNeeds): NeedsWarning[] {
  const at = { severity: 'warning' as const, rule: rule.name, file: rule.file, line: rule.line };
  const kadet = rule.extra['kadet'];
  const raw = typeof kadet === 'object' && kadet !== null ? (kadet as Record<string, unknown>)['level'] : undefined;
  if (raw !== undefined && declaredLevel(rule) === undefined) {
    return [{ ...at, code: 'invalid-level', message: `kadet.level ${JSON.stringify(raw)} is not one of ${LEVELS.slice(1).join(', ')}` }];
  }
  const declared = needs.declared;
  if (declared === undefined || declared === needs.derived) return [];
  const reads = needs.bodyFields.length > 0 ? `its condition reads ${needs.bodyFields.join(', ')}` : 'its condition reads only what Metadata events carry';
  const message =
    LEVELS.indexOf(declared) < LEVELS.indexOf(needs.derived)
      ? `declares kadet.level ${declared} but ${reads}: it needs ${needs.derived}, and a policy following the declaration blinds it`
      : `declares kadet.level ${declared} but ${reads} (${needs.derived}); coverage uses the declared level`;
  return [{ ...at, code: 'level-mismatch', message }];
}
