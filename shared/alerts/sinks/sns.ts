import { SinkConfigError } from '../errors.ts';
import type { Finding } from '../finding.ts';
import { sinkBase } from './common.ts';
import { formatSnsEntry } from './sns-format.ts';
import { defaultSnsClient, publishAll } from './sns-publish.ts';
import type { ResolvedSinkSpec, Sink, SinkFactory } from './types.ts';

const TOPIC_ARN = /^arn:aws[a-z-]*:sns:([a-z0-9-]+):\d{12}:[A-Za-z0-9_-]{1,256}(?:\.fifo)?$/;

/** The topic ARN of an `sns:` spec and the region it lives in. */
export function topicOf(spec: ResolvedSinkSpec): { topicArn: string; region: string } {
  const arn = spec.target?.value ?? '';
  const m = TOPIC_ARN.exec(arn);
  if (m === null || spec.headers.length > 0) {
    throw new SinkConfigError(spec.variable, spec.entry, `sns needs a topic ARN (sns:arn:aws:sns:REGION:ACCOUNT:TOPIC), got ${spec.target?.shown ?? 'nothing'}`);
  }
  return { topicArn: arn, region: m[1] ?? '' };
}

/** `sns:arn:…` — PublishBatch to a topic: a plain-text e-mail body, filterable attributes. */
export const snsSink: SinkFactory = (spec, deps): Sink => {
  const { topicArn, region } = topicOf(spec);
  const client = (deps.snsClient ?? defaultSnsClient)(region);
  return {
    ...sinkBase(spec),
    send: (findings: Finding[]) => publishAll(client, topicArn, findings, (f) => formatSnsEntry(f, deps.describeRule?.(f.rule))),
  };
};
