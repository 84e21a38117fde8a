/** Wall-clock milliseconds, injected so window and timer logic can be driven by a test. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
