import { KadetError } from '../errors.ts';
import { environmentSecrets, redactCredentials } from './redact-credentials.ts';

/** The clouds `kadet replay` reads from. */
export type Cloud = 'aws' | 'gcp' | 'azure';

/** A bad `--since/--start/--end` or other replay option: a usage mistake (exit 2), named by its option. */
export class ReplayUsageError extends KadetError {
  constructor(
    readonly option: string,
    problem: string,
  ) {
    super(`${option}: ${problem}`, 'USAGE', { field: option });
  }
}

/** A replay that could not go on: the message names the cloud and what to do; `cause` keeps the SDK error. */
export class ReplayError extends KadetError {
  constructor(
    readonly cloud: Cloud | 'checkpoint' | 'sinks',
    message: string,
    options?: { cause?: unknown; code?: string },
  ) {
    super(`${cloud}: ${message}`, options?.code ?? 'REPLAY', {}, options?.cause === undefined ? undefined : { cause: options.cause });
  }
}

/** The log store refused our credentials (or none were found): says where, why, and how to fix it; never a secret. */
export class ReplayAuthError extends ReplayError {
  constructor(cloud: Cloud, where: string, why: string, fix: string, options?: { cause?: unknown }) {
    super(cloud, `${where} refused the request: ${why}. ${fix}`, { ...options, code: 'REPLAY_AUTH' });
  }
}

/** The checkpoint file is unreadable or belongs to another replay. */
export class CheckpointError extends ReplayError {
  constructor(
    readonly file: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super('checkpoint', `${file}: ${problem}`, { ...options, code: 'CHECKPOINT' });
  }
}

/**
 * First line of an SDK error message, credentials redacted (the given values, those in the environment, and
 * anything shaped like one), capped, so a long server answer can neither flood the terminal nor leak a secret.
 * Redaction runs before the cut, so a secret cut in half is still hidden.
 */
export function shortMessage(err: unknown, secrets: readonly string[] = [], max = 240): string {
  const text = redactCredentials(err instanceof Error ? err.message : String(err), [...secrets, ...environmentSecrets()]);
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
