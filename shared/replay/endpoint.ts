import { ReplayUsageError } from './errors.ts';

/** `--endpoint URL` → URL: http(s) only, no credentials in it (they would end up in logs and errors). */
export function parseEndpoint(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ReplayUsageError('--endpoint', `expected a URL like https://logs.eu-west-1.amazonaws.com, got "${text}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ReplayUsageError('--endpoint', `expected an http(s) URL, got ${url.protocol}`);
  if (url.username !== '' || url.password !== '') throw new ReplayUsageError('--endpoint', 'must not contain credentials; use the cloud\'s credential chain');
  return url;
}

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** True for an endpoint on this machine (an emulator or test fake): the only place plain http may carry a token. */
export function isLoopback(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}

/** The endpoint without path/query, for messages. */
export function endpointLabel(url: URL | undefined, fallback: string): string {
  return url ? url.origin : fallback;
}
