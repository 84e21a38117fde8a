import { backoffDelay, sleep } from './backoff';

describe('backoffDelay', () => {
  it('doubles from the initial delay and stops at the cap', () => {
    expect([0, 1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt, 100, 1_000))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('stays finite for very large attempt numbers', () => {
    expect(backoffDelay(10_000, 100, 30_000)).toBe(30_000);
  });
});

describe('sleep', () => {
  it('ends early when its signal aborts', async () => {
    const controller = new AbortController();
    const slept = sleep(60_000, controller.signal);
    controller.abort();
    await expect(slept).resolves.toBeUndefined();
  });
});
