import { createRuntime, type Runtime, type RuntimeDeps } from '../runtime.ts';
import { coldStart } from './cold-start.ts';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The warm instance's Runtime: config validated, rules compiled and sinks built once, then shared by every
 * invocation. A failed build is not kept (see coldStart), so a config error fails every invocation,
 * naming its variable, and the platform keeps the messages until the configuration is fixed.
 */
export class InstanceRuntime {
  private build: () => Promise<Runtime>;

  constructor(env: Env, deps: RuntimeDeps = {}) {
    this.build = coldStart(() => createRuntime(env, deps));
  }

  /** The runtime, built on first use. */
  get(): Promise<Runtime> {
    return this.build();
  }

  /** Starts the build at module load (cold start) and logs a failure at once, as one JSON line. */
  warmUp(log: (line: string) => void): void {
    this.get().catch((err: unknown) => log(JSON.stringify({ kadet: 'coldstart', severity: 'ERROR', error: err instanceof Error ? err.message : String(err) })));
  }

  /** Rebuilds from another environment and dependencies on next use (tests; the cloud never needs it). */
  reset(env: Env, deps: RuntimeDeps = {}): void {
    this.build = coldStart(() => createRuntime(env, deps));
  }
}
