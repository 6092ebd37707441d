import { WebhookRequestError } from './errors.ts';

/** Falco's k8saudit webhook path; kadet serves the same by default. */
export const DEFAULT_WEBHOOK_PATH = '/k8s-audit';

/** What a cluster name may be: a DNS-ish label, so it is safe in logs, metrics dimensions and alert text. */
const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** `/k8s-audit/` → `/k8s-audit`, `k8s-audit` → `/k8s-audit`, `/` → `` (the root). */
export function normalizeBasePath(path: string): string {
  const trimmed = path.trim().replace(/\/+$/, '');
  return trimmed === '' ? '' : trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/**
 * The cluster a request names: `basePath/{cluster}` or `basePath?cluster=NAME` (both may be given if they agree).
 * Nothing in an EventList names the cluster, so without either the event carries no cluster (or KADET_CLUSTER).
 * Throws 404 for a path outside basePath, 400 for a bad or conflicting name.
 */
export function clusterOf(path: string, query: Readonly<Record<string, string | undefined>>, basePath: string): string | undefined {
  const fromPath = pathCluster(path, normalizeBasePath(basePath));
  const fromQuery = query['cluster'];
  if (fromQuery !== undefined) check(fromQuery, 'the cluster= query parameter');
  if (fromPath !== undefined && fromQuery !== undefined && fromPath !== fromQuery) {
    throw new WebhookRequestError(400, 'BadRequest', 'the path and the cluster= query parameter name different clusters; give one');
  }
  return fromPath ?? fromQuery;
}

function pathCluster(path: string, base: string): string | undefined {
  const notFound = (): never => {
    throw new WebhookRequestError(404, 'NotFound', `no such path: POST audit events to ${base || '/'} or ${base}/{cluster}`);
  };
  if (path === base || path === `${base}/`) return undefined;
  if (!path.startsWith(`${base}/`)) return notFound();
  const rest = path.slice(base.length + 1).replace(/\/$/, '');
  if (rest.includes('/')) return notFound();
  let name: string;
  try {
    name = decodeURIComponent(rest);
  } catch {
    throw new WebhookRequestError(400, 'BadRequest', 'the cluster name in the path is not valid percent-encoding');
  }
  return check(name, 'the cluster name in the path');
}

function check(name: string, what: string): string {
  // The name is not echoed: it is whatever the caller sent.
  if (!CLUSTER_NAME.test(name)) throw new WebhookRequestError(400, 'BadRequest', `${what} must be 1-100 letters, digits, ".", "_" or "-", starting with a letter or digit`);
  return name;
}
