import { runReadinessChecks } from './run-readiness-checks';

describe('runReadinessChecks', () => {
  it('is ready only when every dependency answers, and names the one that does not', async () => {
    const report = await runReadinessChecks(
      [
        { name: 'redis', check: async () => undefined },
        { name: 'postgres', check: async () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:5432')) },
      ],
      1_000,
    );
    expect(report).toEqual({ ready: false, checks: { redis: { status: 'up' }, postgres: { status: 'down', error: 'connect ECONNREFUSED 127.0.0.1:5432' } } });
  });

  it('bounds a dependency that never answers by the timeout', async () => {
    const report = await runReadinessChecks([{ name: 'kafka', check: () => new Promise<void>(() => undefined) }], 50);
    expect(report.checks.kafka).toEqual({ status: 'down', error: 'no answer within 50 ms' });
  });
});
