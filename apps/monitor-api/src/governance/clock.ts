/** Wall-clock milliseconds, injected so windows, ages and schedules can be driven by a test. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
