import type { BatchOutcome, Runtime } from '../runtime.ts';

/** Header values as Node and API Gateway hand them over: one string, several, or absent. */
export type HeaderValue = string | readonly string[] | undefined;

/** One HTTP request to the webhook, whatever carried it (node:http, API Gateway v1 or v2). */
export interface WebhookRequest {
  method: string;
  /** The path without query string, e.g. `/k8s-audit/prod`. */
  path: string;
  query: Readonly<Record<string, string | undefined>>;
  headers: Readonly<Record<string, HeaderValue>>;
  body: Buffer;
  /** API Gateway base64-encodes bodies it treats as binary. */
  isBase64?: boolean;
  /** For the log line of a refused request only. */
  sourceIp?: string;
}

/** The answer to send back; `outcome` is present when the batch reached the pipeline. */
export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  outcome?: BatchOutcome;
  /** The cluster named by the request (path or query), for metrics dimensions. */
  cluster?: string;
}

/** What the webhook needs of the runtime: the part that is easy to stand in for. */
export type WebhookRuntime = Pick<Runtime, 'adapterContext' | 'process'>;

export interface WebhookDeps {
  runtime: WebhookRuntime;
  /** The bearer token requests must carry; undefined turns authentication off. */
  token: string | undefined;
  /** Largest body accepted, before and after gunzip. */
  maxBodyBytes: number;
  /** Where the apiserver POSTs: `basePath` or `basePath/{cluster}`. */
  basePath: string;
  /** Structured log line writer for refused requests (the runtime logs processed batches itself). */
  log: (line: string) => void;
}
