// The IAM a function needs for the sinks it is configured with, derived from the same parser the
// function runs at cold start: every `secretsmanager:` / `ssm:` reference becomes a read of exactly
// that secret or parameter, every `sns:` topic a publish to exactly that topic. A malformed sink
// list fails `cdk synth` with the parser's own message instead of the function's first cold start.
import { Arn, ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { DEAD_LETTER_VARIABLE } from '../../../shared/alerts/dead-letter.ts';
import { rejectTargetFactories } from '../../../shared/alerts/dead-letter-targets.ts';
import { parseSinkSpecs } from '../../../shared/alerts/sinks/registry.ts';
import { parseSpecs } from '../../../shared/alerts/sinks/spec.ts';
import type { Ref, SinkSpec } from '../../../shared/alerts/sinks/types.ts';

/**
 * Parses extra KADET_SINKS entries and KADET_DEAD_LETTER as the runtime will. `env:` references are
 * refused: the stack sets no such variables, so secrets go in Secrets Manager or SSM.
 */
export function parseSinkSettings(extraSinks: string | undefined, deadLetter: string | undefined): SinkSpec[] {
  const parse = (key: string, text: string | undefined, read: (t: string) => SinkSpec[]): SinkSpec[] => {
    if (text === undefined) return [];
    try {
      return read(text);
    } catch (err) {
      const hint = /\benv:/.test(text) ? ' (env: references are not available here: use secretsmanager:ID or ssm:/path)' : '';
      throw new Error(`context ${key}: ${(err as Error).message}${hint}`, { cause: err });
    }
  };
  return [
    ...parse('extraSinks', extraSinks, (t) => parseSinkSpecs(t, {})),
    ...parse('deadLetter', deadLetter, (t) => parseSpecs(t, {}, DEAD_LETTER_VARIABLE, new Set(rejectTargetFactories.keys()))),
  ];
}

/** Policy statements for the secrets and topics `specs` reference, scoped to each one. */
export function sinkStatements(scope: Construct, specs: readonly SinkSpec[]): iam.PolicyStatement[] {
  const stack = Stack.of(scope);
  const secrets = new Set<string>();
  const parameters = new Set<string>();
  const topics = new Set<string>();
  const visit = (ref: Ref | undefined): void => {
    if (ref?.kind !== 'secret') return;
    if (ref.store === 'secretsmanager') secrets.add(secretArn(stack, ref.id));
    else parameters.add(parameterArn(stack, ref.id));
  };
  for (const spec of specs) {
    visit(spec.target);
    for (const [, value] of spec.headers) visit(value);
    if (spec.scheme === 'sns' && spec.target?.kind === 'value') topics.add(spec.target.value);
  }
  const out: iam.PolicyStatement[] = [];
  if (secrets.size > 0) out.push(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [...secrets] }));
  if (parameters.size > 0) out.push(new iam.PolicyStatement({ actions: ['ssm:GetParameter'], resources: [...parameters] }));
  if (topics.size > 0) out.push(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [...topics] }));
  return out;
}

/** A full ARN as is; a name matches that secret's ARN, whose last 7 characters AWS generates (`-AbCdEf`). */
function secretArn(stack: Stack, id: string): string {
  if (id.startsWith('arn:')) return id;
  return Arn.format({ service: 'secretsmanager', resource: 'secret', resourceName: `${id}-??????`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }, stack);
}

/** `/kadet/slack` → arn:…:parameter/kadet/slack (parameter ARNs carry the path's leading slash once). */
function parameterArn(stack: Stack, id: string): string {
  if (id.startsWith('arn:')) return id;
  return Arn.format({ service: 'ssm', resource: 'parameter', resourceName: id.replace(/^\/+/, ''), arnFormat: ArnFormat.SLASH_RESOURCE_NAME }, stack);
}
