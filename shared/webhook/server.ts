import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { handleWebhookRequest, refuseEarly } from './handle.ts';
import { readRequestBody } from './read-body.ts';
import type { WebhookDeps, WebhookResponse } from './types.ts';

export interface WebhookServerOptions {
  port: number;
  /** Interface to bind; default all of them. */
  host?: string;
  /** PEM certificate and key: serve HTTPS. */
  tls?: { cert: Buffer; key: Buffer };
  deps: WebhookDeps;
}

/** A listening webhook receiver. */
export interface WebhookServer {
  /** Where the apiserver should POST, e.g. `https://10.0.0.5:9765/k8s-audit`. */
  readonly url: string;
  readonly port: number;
  /** Requests being served now. */
  inFlight(): number;
  /**
   * Graceful stop: no new connections, idle keep-alive connections closed, in-flight requests finished
   * (their responses close the connection); after `graceMs` whatever is left is cut.
   */
  close(graceMs?: number): Promise<void>;
}

/** Longest a request may take to arrive in full. */
const REQUEST_TIMEOUT_MS = 60_000;

/** Open connections at once: the apiservers of a few clusters need a handful; a flood of them is refused. */
const MAX_CONNECTIONS = 256;

/** How long a client may take to send its headers. */
const HEADERS_TIMEOUT_MS = 10_000;

/** How long a shutdown waits for in-flight batches by default: the apiserver's own webhook timeout. */
export const DEFAULT_GRACE_MS = 30_000;

/** Starts the on-prem receiver: GET /healthz, and the audit webhook on deps.basePath. */
export async function startWebhookServer(opts: WebhookServerOptions): Promise<WebhookServer> {
  let closing = false;
  let inFlight = 0;
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    inFlight++;
    res.once('close', () => {
      inFlight--;
      // A keep-alive connection that just finished its last response must not hold the shutdown open.
      if (closing) server.closeIdleConnections();
    });
    void serveOne(req, res, opts.deps, () => closing);
  };
  const server: Server = opts.tls ? createHttpsServer({ cert: opts.tls.cert, key: opts.tls.key }, onRequest) : createHttpServer(onRequest);
  // The apiserver gives up on a webhook call after 30 s; a request still uploading after a minute is cut.
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  server.headersTimeout = HEADERS_TIMEOUT_MS;
  server.maxConnections = MAX_CONNECTIONS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `${opts.tls ? 'https' : 'http'}://${host}:${address.port}${opts.deps.basePath}`,
    port: address.port,
    inFlight: () => inFlight,
    close: (graceMs = DEFAULT_GRACE_MS) =>
      new Promise<void>((resolve) => {
        closing = true;
        const cut = setTimeout(() => server.closeAllConnections(), graceMs);
        cut.unref();
        server.close(() => {
          clearTimeout(cut);
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

async function serveOne(req: IncomingMessage, res: ServerResponse, deps: WebhookDeps, closing: () => boolean): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://receiver');
  if (url.pathname === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
    // During shutdown a load balancer should stop sending here.
    return send(res, closing() ? 503 : 200, { 'content-type': 'text/plain; charset=utf-8' }, closing() ? 'shutting down\n' : 'ok\n', closing());
  }
  try {
    const head = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      ...(req.socket.remoteAddress === undefined ? {} : { sourceIp: req.socket.remoteAddress }),
    };
    // Refuse on the head alone (no token, wrong path, declared too large) without reading the body.
    const refused = refuseEarly(head, deps);
    if (refused) return send(res, refused.status, refused.headers, refused.body, true);
    const { body, complete } = await readRequestBody(req, deps.maxBodyBytes);
    const response: WebhookResponse = await handleWebhookRequest({ ...head, body }, deps);
    // An abandoned body tail or a shutdown: end the connection with this response.
    send(res, response.status, response.headers, response.body, !complete || closing());
  } catch (err) {
    // A bug or a client that went away mid-body; the request is answered if it still can be.
    deps.log(JSON.stringify({ kadet: 'error', message: err instanceof Error ? err.message : String(err) }));
    if (!res.headersSent && !res.destroyed) send(res, 500, { 'content-type': 'text/plain; charset=utf-8' }, 'internal error\n', true);
  }
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string, close: boolean): void {
  res.writeHead(status, { ...headers, ...(close ? { connection: 'close' } : {}), 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
