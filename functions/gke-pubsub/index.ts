/**
 * GKE audit logs → log sink → Pub/Sub → Cloud Run functions (Cloud Functions gen2). Two entry points, one runtime:
 *
 *   kadetPubSub  CloudEvent (Eventarc Pub/Sub trigger). Returning acks. Throwing makes Eventarc redeliver, but
 *                ONLY when the trigger was deployed with retries on (`--retry`): with retries off, a thrown error
 *                drops the event for good. kadet throws only when a finding could not be delivered to a sink
 *                (never for a malformed message, which is acked and dead-lettered), so deploy with retries on.
 *   kadetPush    HTTP, for a Pub/Sub push subscription. 2xx acks; 503 only when a finding could not be
 *                delivered; malformed messages are acked (200) and dead-lettered, never retried.
 *
 * Thin on purpose: config once per instance, adapter, runtime, platform answer. See README.md.
 */
import { cloudEvent, http, type CloudEvent, type Request, type Response } from '@google-cloud/functions-framework';
import { handlePubSubCloudEvent } from './cloud-event.ts';
import { InstanceRuntime } from '../../shared/instance/instance-runtime.ts';
import { handlePubSubPush } from './push.ts';

/** Cloud Logging reads each stdout line as one structured entry. */
const logLine = (line: string): void => void process.stdout.write(`${line}\n`);

/** This instance's runtime, built from the environment at cold start (exported so tests can reconfigure it). */
export const instance = new InstanceRuntime(process.env);
instance.warmUp(logLine);

cloudEvent('kadetPubSub', async (event: CloudEvent<unknown>) => {
  await handlePubSubCloudEvent(event, await instance.get());
});

http('kadetPush', async (req: Request, res: Response) => {
  // Pub/Sub only POSTs; a probe or a browser must not become a dead-lettered "message".
  if (req.method !== 'POST') {
    res.status(405).set('Allow', 'POST').json({ ok: false, error: 'POST a Pub/Sub push body' });
    return;
  }
  // A runtime that cannot be built throws here: the framework answers 500, so Pub/Sub keeps the message.
  const answer = await handlePubSubPush(req.body, await instance.get());
  res.status(answer.status).json(answer.body);
});
