import { DeliveryError } from './errors.ts';
import { redactUrl, scrub } from './redact.ts';

/** Default per-request timeout: a Lambda invocation must leave time for retries. */
export const HTTP_TIMEOUT_MS = 5000;
/** How much of an error response body goes into an error message. */
const BODY_SNIPPET = 200;
// Room past the snippet so a secret that crosses its end is still recognised (and replaced) whole.
const SCRUB_MARGIN = 4096;

/** Where to POST: the real URL and headers, both treated as secret (messages show a redacted URL). */
export interface HttpTarget {
  url: string;
  headers?: Readonly<Record<string, string>>;
}

export type HttpClass = 'ok' | 'retryable' | 'permanent';

/** 2xx ok; 408, 429 and 5xx worth retrying; everything else (other 4xx, 3xx) permanent. */
export function classifyStatus(status: number): HttpClass {
  if (status >= 200 && status < 300) return 'ok';
  if (status === 408 || status === 429 || status >= 500) return 'retryable';
  return 'permanent';
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The one HTTP client every HTTP sink shares: global fetch, a timeout, classified failures. */
export class HttpClient {
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(opts: { timeoutMs?: number; fetch?: typeof fetch } = {}) {
    this.timeoutMs = opts.timeoutMs ?? HTTP_TIMEOUT_MS;
    this.fetchImpl = opts.fetch ?? ((input, init) => fetch(input, init));
  }

  /** POSTs `body` as JSON; resolves on 2xx, otherwise throws a redacted DeliveryError. */
  async postJson(target: HttpTarget, body: unknown): Promise<number> {
    const secrets = [target.url, ...Object.values(target.headers ?? {})];
    const shown = `POST ${redactUrl(target.url)}`;
    let res: Response;
    try {
      res = await this.fetchImpl(target.url, {
        method: 'POST',
        headers: { ...withoutContentType(target.headers), 'content-type': 'application/json' },
        body: JSON.stringify(body),
        // A redirect would re-send the body (and maybe credentials) somewhere unconfigured.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      // Network-level failure: retryable. Only the error's kind survives, never its text's URL.
      throw new DeliveryError(`${shown} failed: ${scrub(networkReason(err, this.timeoutMs), secrets)}`, { retryable: true });
    }
    const cls = classifyStatus(res.status);
    if (cls === 'ok') {
      await res.body?.cancel();
      return res.status;
    }
    // Scrub before cutting: a cut through a secret would leave its first part unrecognisable, and shown.
    const text = scrub((await res.text().catch(() => '')).slice(0, BODY_SNIPPET + SCRUB_MARGIN), secrets).slice(0, BODY_SNIPPET).replace(/\s+/g, ' ').trim();
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    throw new DeliveryError(`${shown} answered HTTP ${res.status}${text === '' ? '' : `: ${text}`}`, {
      retryable: cls === 'retryable',
      status: res.status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
}

/** The body is always JSON: a configured Content-Type (any case) must not produce a second value. */
function withoutContentType(headers: Readonly<Record<string, string>> = {}): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'content-type'));
}

/** `timed out after 5000 ms`, `ECONNREFUSED`, … from whatever fetch threw. */
function networkReason(err: unknown, timeoutMs: number): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `timed out after ${timeoutMs} ms`;
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
  if (cause !== undefined && typeof cause.code === 'string') return cause.code;
  return err instanceof Error ? err.message : 'network error';
}

/** The shared client instance sinks use unless a test injects another. */
export const defaultHttpClient = new HttpClient();
