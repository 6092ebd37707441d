import type { SNSClient } from '@aws-sdk/client-sns';
import type { Priority } from '../../engine/priority.ts';
import type { Finding } from '../finding.ts';
import type { HttpClient } from '../http.ts';

/** What one successful `send` accomplished. */
export interface SendResult {
  sent: number;
}

/**
 * One alert output. `send` delivers every finding or throws a DeliveryError; on a partial failure
 * the error's `pending` lists what is left, so a retry re-sends only that.
 */
export interface Sink {
  readonly name: string;
  /** Findings less severe than this are not sent here (Falcosidekick's per-output minimumpriority). */
  readonly minPriority?: Priority;
  send(findings: Finding[]): Promise<SendResult>;
}

/** Where a secret lives when it is not in the environment; resolved once at cold start. */
export type SecretStore = 'ssm' | 'secretsmanager';

/** A configured value: known now, or a secret reference still to resolve. `shown` is safe to print. */
export type Ref = { kind: 'value'; value: string; shown: string } | { kind: 'secret'; store: SecretStore; id: string; shown: string };
export type Resolved = Extract<Ref, { kind: 'value' }>;

/** One parsed entry of KADET_SINKS (or of the dead-letter variable). */
export interface SinkSpec<R extends Ref = Ref> {
  /** The variable it came from, for error messages. */
  variable: string;
  /** 1-based position in the variable. */
  entry: number;
  scheme: string;
  name: string;
  target?: R;
  minPriority?: Priority;
  headers: ReadonlyArray<readonly [name: string, value: R]>;
}

/** A spec whose secrets are all resolved: what factories receive. */
export type ResolvedSinkSpec = SinkSpec<Resolved>;

/** What sinks may be handed instead of their real-world defaults (tests, the function layer). */
export interface SinkDeps {
  http?: HttpClient;
  /** Builds the SNS client for a topic's region (tests point it at a local endpoint). */
  snsClient?: (region: string) => SNSClient;
  /** Line writer for stdout-like outputs. */
  write?: (line: string) => void;
  /** The rule's `desc`, when the caller has the ruleset at hand (findings do not carry it). */
  describeRule?: (rule: string) => string | undefined;
}

/** Builds a sink from its spec; throws SinkConfigError when the spec does not fit the sink. */
export type SinkFactory = (spec: ResolvedSinkSpec, deps: SinkDeps) => Sink;
