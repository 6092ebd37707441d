import type { Finding } from '../finding.ts';
import { defaultHttpClient } from '../http.ts';
import { headersOf, requireUrl, sinkBase } from './common.ts';
import { sendEach } from './each.ts';
import type { Sink, SinkFactory } from './types.ts';

/** Parallel requests to one webhook: enough to drain a batch, few enough not to flood a receiver. */
const CONCURRENCY = 4;

/** The request body: the finding itself, which is a Falco JSON alert (plus the `kadet` block). */
export function webhookBody(f: Finding): Finding {
  return f;
}

/**
 * `webhook:https://falcosidekick:2801/;header=Authorization:env:TOKEN` — one POST per finding,
 * because Falcosidekick's `/` endpoint (like Falco's http_output) takes one event per request.
 */
export const webhookSink: SinkFactory = (spec, deps): Sink => {
  const target = { url: requireUrl(spec).href, headers: headersOf(spec) };
  const http = deps.http ?? defaultHttpClient;
  return {
    ...sinkBase(spec),
    send: (findings: Finding[]) => sendEach(findings, CONCURRENCY, (f) => http.postJson(target, webhookBody(f))),
  };
};
