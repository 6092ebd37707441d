import type { BatchSummary } from '../runtime.ts';
import type { WebhookRequestError } from './errors.ts';
import type { WebhookResponse } from './types.ts';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

/**
 * Error bodies are metav1.Status objects: the apiserver's webhook client decodes them, so its own
 * log shows our message and reason instead of a bare status code.
 */
export function statusBody(code: number, reason: string, message: string): string {
  return JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}

/** The response for a refused request. */
export function errorResponse(err: WebhookRequestError): WebhookResponse {
  return { status: err.status, headers: { ...JSON_TYPE, ...err.headers }, body: statusBody(err.status, err.reason, err.message) };
}

/** 200 with the pipeline summary. */
export function summaryResponse(summary: BatchSummary): WebhookResponse {
  return { status: 200, headers: { ...JSON_TYPE }, body: JSON.stringify(summary) };
}
