import { retryDelayMs } from './retry';

describe('retryDelayMs', () => {
  it.each([
    ['fixed', 100, 1, 100],
    ['fixed', 100, 5, 100],
    ['exponential', 100, 1, 100],
    ['exponential', 100, 2, 200],
    ['exponential', 100, 4, 800],
    ['exponential', 600_000, 3, 60_000],
  ] as const)('%s %i ms, attempt %i → %i ms', (type, delay, attempt, expected) => {
    expect(retryDelayMs({ attempts: 5, backoff: { type, delay_ms: delay } }, attempt)).toBe(expected);
  });
});
