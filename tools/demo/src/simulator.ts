/** One source of demo traffic: started once, stopped once on shutdown (in reverse start order). */
export interface Simulator {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Counters for the periodic progress line. */
  stats(): Record<string, number | string>;
}

/**
 * Calls `tick` every `intervalMs` without overlapping: a slow Redis or broker delays the next tick
 * instead of piling writes up. `stop()` resolves once the tick in flight has finished.
 */
export function startTicker(intervalMs: number, tick: () => Promise<void>, onError: (error: unknown) => void): { stop(): Promise<void> } {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const loop = () => {
    if (stopped) return;
    running = tick()
      .catch(onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(loop, intervalMs);
      });
  };
  loop();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
