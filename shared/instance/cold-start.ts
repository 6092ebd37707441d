/**
 * Runs `init` once per instance and shares its promise with every invocation. A failed cold start is
 * not cached: a transient failure (an SSM throttle) is tried again by the next invocation, and a
 * configuration error is reported again, each time naming the variable.
 */
export function coldStart<T>(init: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (pending === undefined) {
      const p = init();
      pending = p;
      p.catch(() => {
        if (pending === p) pending = undefined;
      });
    }
    return pending;
  };
}
