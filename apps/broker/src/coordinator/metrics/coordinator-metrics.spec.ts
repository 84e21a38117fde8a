import { Registry } from 'prom-client';
import { CoordinatorMetrics } from './coordinator-metrics';

describe('CoordinatorMetrics', () => {
  it('exposes groups by state and members from the coordinator, and counts by error name', async () => {
    const registry = new Registry();
    const metrics = new CoordinatorMetrics(registry);
    metrics.watch(() => ({
      groupsByState: { Empty: 2, PreparingRebalance: 0, CompletingRebalance: 1, Stable: 5, Dead: 0 },
      consumerGroupsByState: { Empty: 0, Assigning: 0, Reconciling: 1, Stable: 2, Dead: 0 },
      members: 17,
    }));
    metrics.heartbeat(0);
    metrics.heartbeat(0);
    metrics.heartbeat(27);
    metrics.offsetsCommitted(3, 0);
    metrics.rebalanceStarted();
    metrics.rebalanceCompleted(1_500);
    metrics.memberExpired('session');
    metrics.failed(4, 'redis_unavailable');
    const text = await registry.metrics();
    expect(text).toContain('broker_groups{state="Stable"} 5');
    expect(text).toContain('broker_groups{state="Empty"} 2');
    expect(text).toContain('broker_group_members 17');
    expect(text).toContain('broker_consumer_protocol_groups{state="Reconciling"} 1');
    expect(text).toContain('broker_consumer_protocol_groups{state="Stable"} 2');
    expect(text).toContain('broker_group_heartbeats_total{error="NONE"} 2');
    expect(text).toContain('broker_group_heartbeats_total{error="REBALANCE_IN_PROGRESS"} 1');
    expect(text).toContain('broker_group_offset_commits_total{error="NONE"} 3');
    expect(text).toContain('broker_group_rebalance_duration_seconds_bucket{le="3"} 1');
    expect(text).toContain('broker_group_member_expirations_total{kind="session"} 1');
    expect(text).toContain('broker_group_events_failed_total{reason="redis_unavailable"} 4');
  });
});
