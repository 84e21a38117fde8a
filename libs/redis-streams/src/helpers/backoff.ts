/** Exponential backoff without jitter: initial, 2×initial, 4×initial ... capped at max. `attempt` counts from 0. */
export function backoffDelay(attempt: number, initialMs: number, maxMs: number): number {
  const exponent = Math.min(attempt, 30);
  return Math.min(maxMs, initialMs * 2 ** exponent);
}

/** A sleep that a shutdown can cut short: resolves after `ms`, or at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
