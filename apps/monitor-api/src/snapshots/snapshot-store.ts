import type { DbClient } from '@app/db';
import type { ConsumerGroupState, HistoryPoint } from '../governance/model';
import type { ClusterSnapshot } from './cluster-snapshot';

const INSERT_CHUNK = 1000;

const big = (n: number | null) => (n === null ? null : BigInt(Math.round(n)));
const num = (n: bigint | null) => (n === null ? null : Number(n));

/** Group snapshots in Postgres (`monitor.group_snapshots`): one row per group per sweep, read back as history. */
export class SnapshotStore {
  constructor(private readonly prisma: DbClient) {}

  async save(snapshot: ClusterSnapshot): Promise<number> {
    const capturedAt = new Date(snapshot.collectedAtMs);
    const rows = [...snapshot.groups.values()].map(({ health: h, detail, rebalancesThisSweep }) => ({
      clusterId: snapshot.clusterId,
      source: snapshot.kind,
      groupId: h.group_id,
      capturedAt,
      state: h.state,
      memberCount: h.members_count,
      generation: detail.generation,
      totalLag: big(h.total_lag),
      lagP50: big(h.lag_p50),
      lagP95: big(h.lag_p95),
      lagMax: big(h.lag_max),
      timeLagP95Ms: big(h.time_lag_p95_ms),
      timeLagMaxMs: big(h.time_lag_max_ms),
      sloCompliance: h.slo_compliance,
      rebalanceScore: h.rebalance_score,
      rebalances: rebalancesThisSweep,
      giniCoefficient: h.fairness_gini,
      stuckPartitions: h.stuck_count,
    }));
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) await this.prisma.groupSnapshot.createMany({ data: rows.slice(i, i + INSERT_CHUNK) });
    return rows.length;
  }

  async history(clusterId: string, groupId: string, from: Date, to: Date, limit: number): Promise<HistoryPoint[]> {
    const rows = await this.prisma.groupSnapshot.findMany({
      where: { clusterId, groupId, capturedAt: { gte: from, lte: to } },
      orderBy: { capturedAt: 'desc' },
      take: limit,
    });
    return rows.reverse().map((r) => ({
      captured_at: r.capturedAt.toISOString(),
      state: r.state as ConsumerGroupState,
      members_count: r.memberCount,
      generation: r.generation,
      total_lag: num(r.totalLag),
      lag_p50: num(r.lagP50),
      lag_p95: num(r.lagP95),
      lag_max: num(r.lagMax),
      time_lag_max_ms: num(r.timeLagMaxMs),
      slo_compliance: r.sloCompliance,
      rebalance_score: r.rebalanceScore,
      fairness_gini: r.giniCoefficient,
      stuck_count: r.stuckPartitions,
    }));
  }

  /** Retention: snapshots older than `before` go. Returns how many rows were deleted. */
  async deleteOlderThan(before: Date): Promise<number> {
    const { count } = await this.prisma.groupSnapshot.deleteMany({ where: { capturedAt: { lt: before } } });
    return count;
  }
}
