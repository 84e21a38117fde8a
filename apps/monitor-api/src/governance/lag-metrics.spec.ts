import fc from 'fast-check';
import { lagMetrics } from './lag-metrics';

describe('lagMetrics', () => {
  it('leaves partitions without a commit out of every figure and counts them apart', () => {
    const m = lagMetrics([
      { lag: 10, timeLagMs: 100 },
      { lag: null, timeLagMs: null },
      { lag: 30, timeLagMs: null },
      { lag: 20, timeLagMs: 300 },
    ]);
    expect(m).toEqual({
      lag_p50: 20,
      lag_p95: 30,
      lag_max: 30,
      total_lag: 60,
      time_lag_p50_ms: 100,
      time_lag_p95_ms: 300,
      time_lag_max_ms: 300,
      partitions_total: 4,
      partitions_with_commit: 3,
      partitions_without_commit: 1,
    });
  });

  it('is unknown (null), not 0, when no partition has a commit', () => {
    const m = lagMetrics([{ lag: null, timeLagMs: null }]);
    expect([m.lag_p50, m.lag_p95, m.lag_max, m.total_lag, m.time_lag_max_ms]).toEqual([null, null, null, null, null]);
    expect(m.partitions_without_commit).toBe(1);
  });

  it('orders p50 ≤ p95 ≤ max ≤ total, and total is the sum', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.nat(1e6), { nil: null }), { minLength: 1, maxLength: 100 }), (lags) => {
        const m = lagMetrics(lags.map((lag) => ({ lag, timeLagMs: null })));
        const known = lags.filter((l): l is number => l !== null);
        if (known.length === 0) return expect(m.total_lag).toBeNull();
        expect(m.lag_p50 as number).toBeLessThanOrEqual(m.lag_p95 as number);
        expect(m.lag_p95 as number).toBeLessThanOrEqual(m.lag_max as number);
        expect(m.lag_max as number).toBeLessThanOrEqual(m.total_lag as number);
        expect(m.total_lag).toBe(known.reduce((a, b) => a + b, 0));
        expect(m.partitions_with_commit + m.partitions_without_commit).toBe(lags.length);
      }),
    );
  });
});
