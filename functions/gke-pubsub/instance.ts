import { createRuntime, type Runtime, type RuntimeDeps } from '../../shared/runtime.ts';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The warm instance's Runtime: config validated, rules compiled and sinks built once, then shared by every
 * invocation (a cached promise, so concurrent first requests wait for the same build). A failed build is not
 * kept: a transient failure heals on the next message, and a config error fails every invocation, naming
 * its variable, so the platform keeps the messages until the configuration is fixed.
 */
export class InstanceRuntime {
  private pending: Promise<Runtime> | undefined;

  constructor(
    private env: Env,
    private deps: RuntimeDeps = {},
  ) {}

  /** The runtime, built on first use. */
  get(): Promise<Runtime> {
    if (this.pending === undefined) {
      const building = createRuntime(this.env, this.deps);
      this.pending = building;
      building.catch(() => {
        if (this.pending === building) this.pending = undefined;
      });
    }
    return this.pending;
  }

  /** Starts the build at module load (cold start) and logs a failure at once, as one JSON line. */
  warmUp(log: (line: string) => void): void {
    this.get().catch((err: unknown) => log(JSON.stringify({ kadet: 'coldstart', severity: 'ERROR', error: err instanceof Error ? err.message : String(err) })));
  }

  /** Rebuilds from another environment and dependencies on next use (tests; the cloud never needs it). */
  reset(env: Env, deps: RuntimeDeps = {}): void {
    this.env = env;
    this.deps = deps;
    this.pending = undefined;
  }
}
