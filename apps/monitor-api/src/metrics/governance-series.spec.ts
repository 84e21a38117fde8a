import { groupDetail, healthOf, partitionRow } from '../../test/support/governance-fixtures';
import { governanceSamples } from './governance-series';
import type { GovernanceMetricsOptions } from './metrics-env';
import { metricsEnv, nameSelected } from './metrics-env';

const options = (overrides: Partial<GovernanceMetricsOptions> = {}): GovernanceMetricsOptions => ({
  granularity: 'group', groupInclude: undefined, groupExclude: undefined, topicInclude: undefined, topicExclude: undefined, ...overrides,
});

const billing = groupDetail({
  partitions: [partitionRow('orders', 0, 5), partitionRow('orders', 1, null), partitionRow('audit', 0, 40, { verdict: 'STOP', time_lag_ms: 2500 })],
  time_lag_max_ms: 2500,
});
const reports = groupDetail({ group_id: 'reports-nightly', partitions: [partitionRow('orders', 0, 1)] });
const views = [
  { detail: billing, health: healthOf(billing, { slo_compliance: 0.5, rebalance_score: 80, fairness_gini: 0.25 }) },
  { detail: reports, health: undefined },
];

const find = (samples: ReturnType<typeof governanceSamples>, name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));

describe('governanceSamples', () => {
  it('exports one series per group and known value, seconds for time lags, and leaves unknown values out', () => {
    const samples = governanceSamples(views, options());
    expect(find(samples, 'governance_group_lag_total_offsets')).toEqual([
      { name: 'governance_group_lag_total_offsets', labels: { cluster_id: 'local', group_id: 'billing' }, value: 45 },
      { name: 'governance_group_lag_total_offsets', labels: { cluster_id: 'local', group_id: 'reports-nightly' }, value: 1 },
    ]);
    expect(find(samples, 'governance_group_lag_max_seconds', { group_id: 'billing' })[0].value).toBe(2.5);
    expect(find(samples, 'governance_group_lag_max_seconds', { group_id: 'reports-nightly' })).toEqual([]);
    expect(find(samples, 'governance_group_partitions_without_commit', { group_id: 'billing' })[0].value).toBe(1);
    expect(find(samples, 'governance_group_slo_compliance_ratio', { group_id: 'billing' })[0].value).toBe(0.5);
    expect(find(samples, 'governance_group_stuck_partitions', { group_id: 'billing' })[0].value).toBe(1);
    expect(find(samples, 'governance_group_slo_compliance_ratio', { group_id: 'reports-nightly' })).toEqual([]);
    expect(find(samples, 'governance_group_partitions_by_verdict', { group_id: 'billing' }).map((s) => [s.labels.verdict, s.value])).toEqual([
      ['OK', 2], ['WARN', 0], ['STOP', 1], ['STALL', 0], ['REWIND', 0],
    ]);
    expect(find(samples, 'governance_group_state', { group_id: 'billing' })).toEqual([
      { name: 'governance_group_state', labels: { cluster_id: 'local', group_id: 'billing', state: 'Stable' }, value: 1 },
    ]);
    expect(samples.filter((s) => s.name.startsWith('governance_partition_'))).toEqual([]);
  });

  it('adds partition series at partition granularity, filtered by topic', () => {
    const samples = governanceSamples(views, options({ granularity: 'partition', topicExclude: /^(?:audit)$/ }));
    expect(find(samples, 'governance_partition_lag_offsets').map((s) => s.labels)).toEqual([
      { cluster_id: 'local', group_id: 'billing', topic: 'orders', partition: '0' },
      { cluster_id: 'local', group_id: 'reports-nightly', topic: 'orders', partition: '0' },
    ]);
    expect(find(samples, 'governance_partition_verdict').map((s) => `${s.labels.group_id}/${s.labels.topic}/${s.labels.partition}/${s.labels.verdict}`)).toEqual([
      'billing/orders/0/OK', 'billing/orders/1/OK', 'reports-nightly/orders/0/OK',
    ]);
    const all = governanceSamples(views, options({ granularity: 'partition' }));
    expect(find(all, 'governance_partition_lag_seconds', { topic: 'audit' })[0].value).toBe(2.5);
    expect(find(all, 'governance_partition_verdict', { topic: 'audit' })[0].labels.verdict).toBe('STOP');
  });

  it('keeps only the groups the include and exclude expressions select', () => {
    const groupsIn = (o: GovernanceMetricsOptions) => [...new Set(governanceSamples(views, o).map((s) => s.labels.group_id))];
    expect(groupsIn(options({ groupInclude: /^(?:reports-.*)$/ }))).toEqual(['reports-nightly']);
    expect(groupsIn(options({ groupExclude: /^(?:reports-.*)$/ }))).toEqual(['billing']);
    expect(groupsIn(options({ groupInclude: /^(?:.*)$/, groupExclude: /^(?:billing|reports-nightly)$/ }))).toEqual([]);
  });
});

describe('metrics variables', () => {
  it('anchors the expressions to the whole name and refuses an invalid one', () => {
    const parsed = metricsEnv.METRICS_GROUP_INCLUDE.parse('bill.*');
    expect(parsed.ok && parsed.value && [parsed.value.test('billing'), parsed.value.test('rebilling')]).toEqual([true, false]);
    expect(metricsEnv.METRICS_GROUP_EXCLUDE.parse('(unclosed').ok).toBe(false);
    expect(metricsEnv.METRICS_GRANULARITY.parse('topic').ok).toBe(false);
    expect(nameSelected('x', undefined, undefined)).toBe(true);
  });
});
