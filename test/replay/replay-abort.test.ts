import { describe, expect, it } from 'vitest';
import { emptyResult } from '../../shared/adapters/types.ts';
import { withBackoff } from '../../shared/replay/backoff.ts';
import { ReplayError } from '../../shared/replay/errors.ts';
import type { FindingOutput } from '../../shared/replay/output.ts';
import { replay } from '../../shared/replay/replay.ts';
import type { ReplayPage, ReplaySource } from '../../shared/replay/types.ts';

const range = { startMs: 0, endMs: 10_000 };
const page = (timeMs: number): ReplayPage => ({ result: emptyResult(), keys: [{ timeMs, id: String(timeMs) }], alreadyDone: 0, coveredUntilMs: timeMs + 1 });
const quietOutput: FindingOutput = { process: async () => ({ findings: [], failures: [] }) };

/** A source that yields one page, then runs `then` (which aborts and/or throws). */
function source(then: () => void): ReplaySource {
  return {
    cloud: 'aws',
    id: 'test',
    label: 'test',
    async *pages() {
      yield page(1);
      then();
      yield page(2);
    },
  };
}

const abortError = (): Error => Object.assign(new Error('Request aborted'), { name: 'AbortError' });

describe('replay after Ctrl-C', () => {
  it('ends quietly on the abort error of an interrupted request', async () => {
    const controller = new AbortController();
    const report = await replay({ source: source(() => { controller.abort(); throw abortError(); }), range, output: quietOutput, signal: controller.signal });
    expect(report.interrupted).toBe(true);
    expect(report.cursor?.timeMs).toBe(1);
  });

  it('ends quietly when the request throws the abort reason itself', async () => {
    const controller = new AbortController();
    const reason = new Error('user pressed Ctrl-C');
    const report = await replay({ source: source(() => { controller.abort(reason); throw reason; }), range, output: quietOutput, signal: controller.signal });
    expect(report.interrupted).toBe(true);
  });

  it('still names the sinks that failed on the page being delivered when Ctrl-C came', async () => {
    const controller = new AbortController();
    const output: FindingOutput = {
      process: async () => {
        controller.abort();
        return { findings: [], failures: [{ target: 'webhook', error: 'webhook: HTTP 503' }] };
      },
    };
    await expect(replay({ source: source(() => undefined), range, output, signal: controller.signal })).rejects.toThrow(/sinks: findings could not be delivered \(webhook: HTTP 503\)/);
  });

  it('still reports a cloud error that is not the abort', async () => {
    const controller = new AbortController();
    const failing = source(() => { controller.abort(); throw new ReplayError('aws', 'CloudWatch Logs eu-west-1: AccessDeniedException: no'); });
    await expect(replay({ source: failing, range, output: quietOutput, signal: controller.signal })).rejects.toThrow('aws: CloudWatch Logs eu-west-1: AccessDeniedException: no');
  });
});

describe('withBackoff after Ctrl-C', () => {
  it('ends with an abort error, not the retryable failure that came last', async () => {
    const controller = new AbortController();
    const call = (): Promise<never> => {
      controller.abort();
      return Promise.reject(Object.assign(new Error('quota'), { code: 8 }));
    };
    await expect(withBackoff(call, () => true, { sleep: async () => undefined }, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('keeps a failure that is not retryable', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(withBackoff(() => Promise.reject(new Error('denied')), () => false, {}, controller.signal)).rejects.toThrow('denied');
  });
});
