import { ReplayUsageError } from './errors.ts';

/** Every cloud's client puts a credential on each request: a signature and session token, or an access token. */
const ANY_CREDENTIAL = 'the cloud credentials (AWS request signature and session token, Google or Azure access token)';

const clearText = (what: string): string => `plain http would send ${what} in clear text: use https (http is allowed for a local emulator on 127.0.0.1/localhost only)`;

/**
 * `--endpoint URL` → URL: http(s) only, no credentials in it (they would end up in logs and errors), and
 * plain http only to this machine. A text that is not a URL is never echoed: it may hold a password.
 */
export function parseEndpoint(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ReplayUsageError('--endpoint', 'expected a URL with its scheme, like https://logs.eu-west-1.amazonaws.com (the value given is not shown: it could not be parsed, and may hold a secret)');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ReplayUsageError('--endpoint', `expected an http(s) URL, got ${url.protocol}`);
  if (url.username !== '' || url.password !== '') throw new ReplayUsageError('--endpoint', 'must not contain credentials; use the cloud\'s credential chain');
  checkEndpointTransport(url);
  return url;
}

/**
 * The rule every cloud's client applies to its endpoint (also when a source is built without the CLI):
 * https anywhere, http only to a loopback host. `what` names the credential in the message.
 */
export function checkEndpointTransport(url: URL, what: string = ANY_CREDENTIAL): void {
  if (url.protocol === 'http:' && !isLoopback(url)) {
    throw new ReplayUsageError('--endpoint', clearText(what));
  }
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** True for an endpoint on this machine (an emulator or test fake): the only place plain http may carry a token. */
export function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}

/** The endpoint without userinfo, path or query, for messages. */
export function endpointLabel(url: URL | undefined, fallback: string): string {
  return url ? url.origin : fallback;
}
