import type { APIGatewayProxyEvent, APIGatewayProxyEventV2, APIGatewayProxyResult } from 'aws-lambda';
import type { WebhookRequest, WebhookResponse } from '../../shared/webhook/types.ts';

/** The two API Gateway proxy payloads: REST API (1.0) and HTTP API (2.0). */
export type ProxyEvent = APIGatewayProxyEvent | APIGatewayProxyEventV2;

/** One payload format: how to read its request. Both take the same response shape. */
interface ProxyFormat {
  request(event: ProxyEvent): WebhookRequest;
}

/** REST API: headers as sent (multiValueHeaders keeps repeats), query parameters already split. */
function fromV1(e: APIGatewayProxyEvent): WebhookRequest {
  const query: Record<string, string | undefined> = { ...e.queryStringParameters };
  for (const [k, v] of Object.entries(e.multiValueQueryStringParameters ?? {})) if (v !== undefined && v.length > 0) query[k] = v[0];
  return {
    method: e.httpMethod,
    path: withoutStage(e.path, e.requestContext?.stage),
    query,
    // Both maps hold every header; the multi-value one also keeps repeats.
    headers: e.multiValueHeaders ? { ...e.multiValueHeaders } : { ...e.headers },
    body: Buffer.from(e.body ?? '', 'utf8'),
    isBase64: e.isBase64Encoded === true,
    ...(e.requestContext?.identity?.sourceIp ? { sourceIp: e.requestContext.identity.sourceIp } : {}),
  };
}

/** HTTP API: lower-cased headers (repeats joined by commas), the raw query string, the stage in rawPath. */
function fromV2(e: APIGatewayProxyEventV2): WebhookRequest {
  const query: Record<string, string | undefined> = {};
  for (const [k, v] of new URLSearchParams(e.rawQueryString ?? '')) if (!(k in query)) query[k] = v;
  return {
    method: e.requestContext.http.method,
    path: withoutStage(e.rawPath, e.requestContext.stage),
    query,
    headers: { ...e.headers },
    body: Buffer.from(e.body ?? '', 'utf8'),
    isBase64: e.isBase64Encoded === true,
    ...(e.requestContext.http.sourceIp ? { sourceIp: e.requestContext.http.sourceIp } : {}),
  };
}

/** A named stage prefixes the path (`/prod/k8s-audit/c1`); the $default stage does not. */
function withoutStage(path: string, stage: string | undefined): string {
  if (stage === undefined || stage === '' || stage === '$default') return path;
  const prefix = `/${stage}`;
  return path === prefix ? '/' : path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path;
}

const FORMATS: ReadonlyMap<string, ProxyFormat> = new Map<string, ProxyFormat>([
  ['1.0', { request: (e) => fromV1(e as APIGatewayProxyEvent) }],
  ['2.0', { request: (e) => fromV2(e as APIGatewayProxyEventV2) }],
]);

/** The payload format version: HTTP API says so; a REST API event has no `version`. */
export function formatOf(event: ProxyEvent): string {
  return 'version' in event && typeof event.version === 'string' ? event.version : '1.0';
}

/** The request an API Gateway event carries; an unknown payload version is read as 1.0. */
export function toWebhookRequest(event: ProxyEvent): WebhookRequest {
  return (FORMATS.get(formatOf(event)) ?? FORMATS.get('1.0')!).request(event);
}

/** The proxy result both payload formats accept. */
export function toProxyResult(r: WebhookResponse): APIGatewayProxyResult {
  return { statusCode: r.status, headers: r.headers, body: r.body, isBase64Encoded: false };
}
