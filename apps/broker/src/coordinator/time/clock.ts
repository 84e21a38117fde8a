/** Cancels a scheduled callback; calling it after the callback ran does nothing. */
export type CancelTimer = () => void;

/** Time and timers for the coordinator, injectable so that tests drive time by hand. */
export interface Clock {
  now(): number;
  schedule(delayMs: number, callback: () => void): CancelTimer;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  schedule(delayMs, callback) {
    const handle = setTimeout(callback, Math.max(0, delayMs));
    handle.unref();
    return () => clearTimeout(handle);
  },
};
