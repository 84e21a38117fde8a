import { Registry } from 'prom-client';
import { groupDetail, healthOf, partitionRow } from '../../test/support/governance-fixtures';
import { InMemoryReadModel } from '../../test/support/in-memory-read-model';
import { GovernanceGauges } from './governance-gauges';

describe('GovernanceGauges', () => {
  it('exposes the served snapshot on the registry and recomputes only when a new snapshot is served', async () => {
    const readModel = new InMemoryReadModel();
    const registry = new Registry();
    const gauges = new GovernanceGauges(readModel, { granularity: 'partition', groupInclude: undefined, groupExclude: /^(?:internal-.*)$/, topicInclude: undefined, topicExclude: undefined }, registry);
    const billing = groupDetail({ partitions: [partitionRow('orders', 0, 7), partitionRow('orders', 1, 3, { verdict: 'STALL' })] });
    readModel.set(billing, healthOf(billing, { slo_compliance: 0.5 }));
    readModel.set(groupDetail({ group_id: 'internal-audit' }));

    const text = await registry.metrics();
    expect(text).toContain('governance_group_lag_total_offsets{cluster_id="local",group_id="billing"} 10');
    expect(text).toContain('governance_group_slo_compliance_ratio{cluster_id="local",group_id="billing"} 0.5');
    expect(text).toContain('governance_partition_lag_offsets{cluster_id="local",group_id="billing",topic="orders",partition="1"} 3');
    expect(text).toContain('governance_partition_verdict{cluster_id="local",group_id="billing",topic="orders",partition="1",verdict="STALL"} 1');
    expect(text).not.toContain('internal-audit');

    readModel.set(groupDetail({ partitions: [partitionRow('orders', 0, 100)] }));
    expect(await registry.metrics()).toContain('governance_group_lag_total_offsets{cluster_id="local",group_id="billing"} 10');
    readModel.publish();
    const next = await registry.metrics();
    expect(next).toContain('governance_group_lag_total_offsets{cluster_id="local",group_id="billing"} 100');
    expect(next).not.toContain('partition="1"');

    readModel.remove('local', 'billing');
    readModel.publish();
    expect(await registry.metrics()).not.toContain('group_id="billing"');
    gauges.onModuleDestroy();
  });
});
