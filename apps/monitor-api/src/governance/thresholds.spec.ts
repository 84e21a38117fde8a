import { DEFAULT_THRESHOLDS } from './default-thresholds';
import { groupStatus, healthStatus } from './health-status';
import { resolveThresholds } from './thresholds';

describe('resolveThresholds', () => {
  const config = {
    global: DEFAULT_THRESHOLDS,
    topics: { orders: { slo_threshold_p95_lag_ms: 5000, fairness_gini_max: 0.5 }, audit: { slo_threshold_p95_lag_ms: 60_000 } },
    groups: { billing: { slo_threshold_p95_lag_ms: 200 } },
  };

  it.each([
    ['no override', 'g', ['payments'], 1000, 0.3],
    ['topic override', 'g', ['orders'], 5000, 0.5],
    ['group override wins over its topic', 'billing', ['orders'], 200, 0.5],
    ['two overridden topics merge in name order, the later name winning a shared field', 'g', ['orders', 'audit'], 5000, 0.5],
  ])('%s', (_name, group, topics, sloMs, gini) => {
    const t = resolveThresholds(config, group, topics);
    expect(t.slo_threshold_p95_lag_ms).toBe(sloMs);
    expect(t.fairness_gini_max).toBe(gini);
    expect(t.slo_compliance_min).toBe(0.95);
  });
});

describe('groupStatus and healthStatus', () => {
  it.each([
    [['OK', 'OK'], 'OK'],
    [['OK', 'WARN'], 'WARN'],
    [['WARN', 'STOP'], 'ERR'],
    [['STALL'], 'ERR'],
    [['REWIND', 'OK'], 'ERR'],
    [[], 'OK'],
  ] as const)('%j → %s', (verdicts, expected) => {
    expect(groupStatus(verdicts)).toBe(expected);
  });

  const base = { status: 'OK' as const, sloCompliance: 1, rebalanceScore: 100, fairnessGini: 0, rebalancing: false, thresholds: DEFAULT_THRESHOLDS };
  it.each([
    ['all fine', {}, 'healthy'],
    ['stuck partition', { status: 'ERR' as const }, 'critical'],
    ['SLO under target', { sloCompliance: 0.9 }, 'critical'],
    ['SLO unknown is not a violation', { sloCompliance: null }, 'healthy'],
    ['lag growing', { status: 'WARN' as const }, 'warning'],
    ['unfair', { fairnessGini: 0.31 }, 'warning'],
    ['unstable', { rebalanceScore: 69 }, 'warning'],
    ['rebalancing now', { rebalancing: true }, 'warning'],
  ])('%s → %s', (_name, partial, expected) => {
    expect(healthStatus({ ...base, ...partial })).toBe(expected);
  });
});
