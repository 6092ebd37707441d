import type { Finding } from '../finding.ts';
import { defaultHttpClient } from '../http.ts';
import { sendEach } from './each.ts';
import { requireUrl, sinkBase } from './common.ts';
import { slackPayload } from './slack-format.ts';
import type { Sink, SinkFactory } from './types.ts';

/** `slack:env:SLACK_URL` — one incoming-webhook message per finding, one at a time (Slack rate-limits bursts). */
export const slackSink: SinkFactory = (spec, deps): Sink => {
  const url = requireUrl(spec).href;
  const http = deps.http ?? defaultHttpClient;
  return {
    ...sinkBase(spec),
    send: (findings: Finding[]) => sendEach(findings, 1, (f) => http.postJson({ url }, slackPayload(f, deps.describeRule?.(f.rule)))),
  };
};
