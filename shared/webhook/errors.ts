import { KadetError } from '../errors.ts';

/**
 * A request the webhook refuses: carries the HTTP status, the metav1.Status reason and a message
 * that says what to change. Messages never contain the token or the request body.
 */
export class WebhookRequestError extends KadetError {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message, `WEBHOOK_${status}`);
  }
}
