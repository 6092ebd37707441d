import { InvalidArgumentError } from 'commander';
import { parsePriority, PRIORITIES, type Priority } from '../engine/priority.ts';

/** Commander parser for a priority option value. */
export function priorityOption(value: string): Priority {
  const p = parsePriority(value);
  if (!p) throw new InvalidArgumentError(`expected one of ${PRIORITIES.join(', ')} (case-insensitive)`);
  return p;
}

/** Commander parser for a value from a fixed set. */
export function choiceOption<T extends string>(choices: readonly T[]): (value: string) => T {
  return (value) => {
    if ((choices as readonly string[]).includes(value)) return value as T;
    throw new InvalidArgumentError(`expected one of ${choices.join(', ')}`);
  };
}

/** Commander collector for a repeatable option (`--rules a --rules b` or `--rules a b`). */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
