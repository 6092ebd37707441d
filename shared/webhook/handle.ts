import type { BatchOutcome } from '../runtime.ts';
import { authorize } from './auth.ts';
import { decodeBody, tooLarge } from './body.ts';
import { WebhookRequestError } from './errors.ts';
import { header } from './headers.ts';
import { checkContentType, contentEncoding, type ContentEncoding } from './media.ts';
import { readAuditBody } from './payload.ts';
import { clusterOf } from './route.ts';
import { errorResponse, summaryResponse } from './status.ts';
import type { WebhookDeps, WebhookRequest, WebhookResponse } from './types.ts';

/**
 * Serves one audit webhook request, for the Lambda function and `kadet serve` alike: route and cluster,
 * method, bearer token, media type and encoding, size, body shape, then the pipeline. Refusals are
 * answered, never thrown.
 *
 * What the apiserver does with the answer: its webhook client retries 500, 504, 429 and any answer with
 * Retry-After, with exponential backoff (--audit-webhook-initial-backoff 10 s, ×1.5, 5 steps), and then
 * drops the batch; every other non-2xx drops it at once. So only undelivered findings get a 5xx (500, as a
 * 503 without Retry-After would not be retried), and dedup keeps the retry from alerting twice.
 */
export async function handleWebhookRequest(req: WebhookRequest, deps: WebhookDeps): Promise<WebhookResponse> {
  let cluster: string | undefined;
  try {
    const head = checkHead(req, deps);
    cluster = head.cluster;
    const encoding = head.encoding;
    const bytes = decodeBody(req.body, req.isBase64 === true, encoding, deps.maxBodyBytes);
    const { result, problem } = readAuditBody(bytes, deps.runtime.adapterContext(cluster === undefined ? {} : { origin: { cluster } }));
    const outcome = await deps.runtime.process(result);
    const response = problem ? errorResponse(problem) : outcome.undelivered ? undeliveredResponse(outcome) : summaryResponse(outcome.summary);
    return { ...response, outcome, ...(cluster === undefined ? {} : { cluster }) };
  } catch (err) {
    if (!(err instanceof WebhookRequestError)) throw err;
    deps.log(refusedLine(req, err));
    return { ...errorResponse(err), ...(cluster === undefined ? {} : { cluster }) };
  }
}

/**
 * The refusal for a request its head already rules out (route, method, token, media type, declared
 * length), or undefined. `kadet serve` asks before reading the body, so a caller without the token
 * cannot make it buffer megabytes.
 */
export function refuseEarly(req: Omit<WebhookRequest, 'body'>, deps: WebhookDeps): WebhookResponse | undefined {
  try {
    checkHead(req, deps);
    const declared = Number(header(req.headers, 'content-length'));
    if (Number.isFinite(declared) && declared > deps.maxBodyBytes) throw tooLarge(deps.maxBodyBytes);
    return undefined;
  } catch (err) {
    if (!(err instanceof WebhookRequestError)) throw err;
    deps.log(refusedLine(req, err));
    return errorResponse(err);
  }
}

/** Everything decided by the request line and headers alone, in the order the answers are documented. */
function checkHead(req: Omit<WebhookRequest, 'body'>, deps: WebhookDeps): { cluster: string | undefined; encoding: ContentEncoding } {
  const cluster = clusterOf(req.path, req.query, deps.basePath);
  if (req.method.toUpperCase() !== 'POST') throw new WebhookRequestError(405, 'MethodNotAllowed', 'only POST is served here', { allow: 'POST' });
  authorize(req.headers, deps.token);
  checkContentType(header(req.headers, 'content-type'));
  return { cluster, encoding: contentEncoding(header(req.headers, 'content-encoding')) };
}

/** 500 naming the sinks that failed (their messages are redacted), so the apiserver retries the batch. */
function undeliveredResponse(outcome: BatchOutcome): WebhookResponse {
  const failures = outcome.summary.failures.map((f) => `${f.target}: ${f.error}`).join('; ');
  const err = new WebhookRequestError(500, 'InternalError', `findings could not be delivered, retry the batch: ${failures}`);
  return errorResponse(err);
}

/** `{"kadet":"refused",…}`: status, reason and message; never the token or the body. */
function refusedLine(req: Omit<WebhookRequest, 'body'>, err: WebhookRequestError): string {
  return JSON.stringify({
    kadet: 'refused',
    status: err.status,
    reason: err.reason,
    message: err.message,
    method: req.method.slice(0, 10),
    path: req.path.slice(0, 200),
    ...(req.sourceIp === undefined ? {} : { sourceIp: req.sourceIp }),
  });
}
