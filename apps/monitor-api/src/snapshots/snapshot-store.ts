import type { DbClient } from '@app/db';
import type { ConsumerGroupState, HistoryPoint } from '../governance/model';
import type { RestoreWindows, StoredCommit, StoredRows } from './builder-restore';
import type { ClusterSnapshot } from './cluster-snapshot';

/**
 * Rows per INSERT of lag samples. Each chunk is one statement of column arrays expanded by `unnest`, so its
 * cost is one round trip and one parse whatever the row count; the chunk bounds the size of the parameters and,
 * more to the point, how long building and encoding them holds the event loop: 10,000 rows held API requests
 * for 40-100 ms per chunk under the REST benchmark, 2,000 rows are a fifth of that at the same total time.
 */
const SAMPLE_CHUNK = 2_000;
/** A sweep's writes are one transaction; 50,000 samples take well under this (see bench/monitor-api/store-samples.ts). */
const SAVE_TIMEOUT_MS = 60_000;

const big = (n: number | null) => (n === null ? null : Math.round(n));
const num = (n: bigint | null) => (n === null ? null : Number(n));

export interface SavedCounts {
  snapshots: number;
  samples: number;
  /** Rebalance rows written; a rebalance already stored is not counted. */
  rebalances: number;
}

/**
 * Snapshots in Postgres: one `monitor.group_snapshots` row per group per sweep, one
 * `monitor.partition_lag_samples` row per group-partition, one `monitor.rebalance_events` row per rebalance.
 * Read back as history, and as the rows a restart restores the builder from.
 */
export class SnapshotStore {
  constructor(private readonly prisma: DbClient) {}

  async save(snapshot: ClusterSnapshot): Promise<SavedCounts> {
    const capturedAt = new Date(snapshot.collectedAtMs);
    const views = [...snapshot.groups.values()];
    if (views.length === 0) return { snapshots: 0, samples: 0, rebalances: 0 };
    const col = <T>(f: (v: (typeof views)[number]) => T) => views.map(f);
    return this.prisma.$transaction(
      async (tx) => {
        const ids = await tx.$queryRaw<{ id: bigint; group_id: string }[]>`
          INSERT INTO monitor.group_snapshots (cluster_id, source, group_id, captured_at, state, member_count, generation, total_lag, lag_p50, lag_p95,
            lag_max, time_lag_p95_ms, time_lag_max_ms, slo_compliance, rebalance_score, rebalances, gini_coefficient, stuck_partitions)
          SELECT ${snapshot.clusterId}, ${snapshot.kind}, g, ${capturedAt}::timestamptz, st, mc, gen, tl, p50, p95, mx, tp95, tmx, slo, rs, rb, gini, stuck
          FROM unnest(${col((v) => v.health.group_id)}::text[], ${col((v) => v.health.state)}::text[], ${col((v) => v.health.members_count)}::int[],
            ${col((v) => v.detail.generation)}::int[], ${col((v) => big(v.health.total_lag))}::bigint[], ${col((v) => big(v.health.lag_p50))}::bigint[],
            ${col((v) => big(v.health.lag_p95))}::bigint[], ${col((v) => big(v.health.lag_max))}::bigint[], ${col((v) => big(v.health.time_lag_p95_ms))}::bigint[],
            ${col((v) => big(v.health.time_lag_max_ms))}::bigint[], ${col((v) => v.health.slo_compliance)}::float8[], ${col((v) => v.health.rebalance_score)}::float8[],
            ${col((v) => v.rebalancesThisSweep)}::int[], ${col((v) => v.health.fairness_gini)}::float8[], ${col((v) => v.health.stuck_count)}::int[])
            AS t(g, st, mc, gen, tl, p50, p95, mx, tp95, tmx, slo, rs, rb, gini, stuck)
          RETURNING id, group_id`;
        const idOf = new Map(ids.map((r) => [r.group_id, r.id.toString()]));

        let samples = 0;
        const rows = views.flatMap((v) => v.detail.partitions.map((p) => ({ id: idOf.get(v.detail.group_id) as string, p })));
        for (let i = 0; i < rows.length; i += SAMPLE_CHUNK) {
          const chunk = rows.slice(i, i + SAMPLE_CHUNK);
          const c = <T>(f: (r: (typeof chunk)[number]) => T) => chunk.map(f);
          samples += await tx.$executeRaw`
            INSERT INTO monitor.partition_lag_samples (snapshot_id, topic, partition, committed_offset, end_offset, lag, time_lag_ms, member_id, verdict)
            SELECT * FROM unnest(${c((r) => r.id)}::bigint[], ${c((r) => r.p.topic)}::text[], ${c((r) => r.p.partition)}::int[],
              ${c((r) => big(r.p.committed_offset))}::bigint[], ${c((r) => big(r.p.end_offset))}::bigint[], ${c((r) => big(r.p.lag))}::bigint[],
              ${c((r) => big(r.p.time_lag_ms))}::bigint[], ${c((r) => r.p.member_id)}::text[], ${c((r) => r.p.verdict)}::text[])`;
        }

        const rebalances = views.flatMap((v) => v.rebalancesObserved.map((r) => ({ groupId: v.detail.group_id, r })));
        let written = 0;
        if (rebalances.length > 0) {
          const c = <T>(f: (x: (typeof rebalances)[number]) => T) => rebalances.map(f);
          written = await tx.$executeRaw`
            INSERT INTO monitor.rebalance_events (cluster_id, group_id, generation, kind, reason, member_count, duration_ms, occurred_at)
            SELECT ${snapshot.clusterId}, * FROM unnest(${c((x) => x.groupId)}::text[], ${c((x) => x.r.generation)}::int[], ${c((x) => x.r.kind)}::text[],
              ${c((x) => x.r.reason)}::text[], ${c((x) => x.r.memberCount)}::int[], ${c((x) => x.r.durationMs)}::int[],
              ${c((x) => new Date(x.r.occurredAtMs).toISOString())}::timestamptz[])
            ON CONFLICT (cluster_id, group_id, generation) DO NOTHING`;
        }
        return { snapshots: ids.length, samples, rebalances: written };
      },
      { timeout: SAVE_TIMEOUT_MS, maxWait: SAVE_TIMEOUT_MS },
    );
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

  /**
   * The rows a restart restores a cluster's builder from, only within the windows the builder's state covers
   * (`restoreWindows`), counted back from the cluster's newest stored sweep: the state a process had when it
   * stopped is restored however long it was down.
   */
  async restoreRows(clusterId: string, windows: RestoreWindows): Promise<StoredRows> {
    const [newest] = await this.prisma.$queryRaw<{ at: Date | null }[]>`SELECT max(captured_at) AS at FROM monitor.group_snapshots WHERE cluster_id = ${clusterId}`;
    if (!newest?.at) return { endOffsets: [], commits: [], snapshots: [] };
    const from = (ms: number) => new Date((newest.at as Date).getTime() - ms);
    // One point per partition and sweep (every group reading it repeats it), only the ends of runs of one offset.
    const endOffsets = await this.prisma.$queryRaw<{ topic: string; partition: number; captured_at: Date; end_offset: bigint }[]>`
      SELECT topic, partition, captured_at, end_offset FROM (
        SELECT topic, partition, captured_at, end_offset,
          lag(end_offset) OVER w IS DISTINCT FROM end_offset OR lead(end_offset) OVER w IS DISTINCT FROM end_offset AS run_end
        FROM (SELECT DISTINCT s.topic, s.partition, g.captured_at, s.end_offset
              FROM monitor.group_snapshots g JOIN monitor.partition_lag_samples s ON s.snapshot_id = g.id
              WHERE g.cluster_id = ${clusterId} AND g.captured_at >= ${from(windows.endOffsetsMs)}) points
        WINDOW w AS (PARTITION BY topic, partition ORDER BY captured_at)) runs
      WHERE run_end`;
    // Commits as the builder observed them (offset and lag known), only where the offset moved, and the newest;
    // one row per group-partition with its commits as arrays: far fewer rows to decode than one per commit.
    const commitRows = await this.prisma.$queryRaw<{ group_id: string; topic: string; partition: number; at_ms: string; offsets: string; lags: string }[]>`
      SELECT group_id, topic, partition, array_to_string(array_agg(at_ms ORDER BY at_ms), ',') AS at_ms,
        array_to_string(array_agg(committed_offset ORDER BY at_ms), ',') AS offsets, array_to_string(array_agg(lag ORDER BY at_ms), ',') AS lags
      FROM (
        SELECT g.group_id, s.topic, s.partition, (extract(epoch FROM g.captured_at) * 1000)::bigint AS at_ms, s.committed_offset, s.lag,
          lag(s.committed_offset) OVER w IS DISTINCT FROM s.committed_offset OR lead(g.captured_at) OVER w IS NULL AS kept
        FROM monitor.group_snapshots g JOIN monitor.partition_lag_samples s ON s.snapshot_id = g.id
        WHERE g.cluster_id = ${clusterId} AND g.captured_at >= ${from(windows.commitsMs)} AND s.committed_offset IS NOT NULL AND s.lag IS NOT NULL
        WINDOW w AS (PARTITION BY g.group_id, s.topic, s.partition ORDER BY g.captured_at)) observed
      WHERE kept
      GROUP BY group_id, topic, partition`;
    const commits: StoredCommit[] = [];
    for (const r of commitRows) {
      const at = r.at_ms.split(',');
      const offsets = r.offsets.split(',');
      const lags = r.lags.split(',');
      for (let i = 0; i < at.length; i++) {
        commits.push({ groupId: r.group_id, topic: r.topic, partition: r.partition, capturedAtMs: Number(at[i]), committedOffset: Number(offsets[i]), lag: Number(lags[i]) });
      }
    }
    const snapshots = await this.prisma.$queryRaw<
      { group_id: string; captured_at: Date; state: string; generation: number | null; rebalances: number; total_lag: bigint | null }[]
    >`
      SELECT group_id, captured_at, state, generation, rebalances, total_lag FROM (
        SELECT group_id, captured_at, state, generation, rebalances, total_lag,
          row_number() OVER (PARTITION BY group_id ORDER BY captured_at DESC) AS n
        FROM monitor.group_snapshots WHERE cluster_id = ${clusterId} AND captured_at >= ${from(windows.snapshotsMs)}) recent
      WHERE n <= ${windows.snapshotsPerGroup}`;
    return {
      endOffsets: endOffsets.map((r) => ({ topic: r.topic, partition: r.partition, capturedAtMs: r.captured_at.getTime(), endOffset: Number(r.end_offset) })),
      commits,
      snapshots: snapshots.map((r) => ({
        groupId: r.group_id,
        capturedAtMs: r.captured_at.getTime(),
        state: r.state as ConsumerGroupState,
        generation: r.generation,
        rebalances: r.rebalances,
        totalLag: num(r.total_lag),
      })),
    };
  }

  /**
   * Retention: snapshots (and with them, by the foreign key's cascade, their lag samples) and rebalances older
   * than `before` go. Returns how many snapshot and rebalance rows were deleted.
   */
  async deleteOlderThan(before: Date): Promise<{ snapshots: number; rebalances: number }> {
    const { count: snapshots } = await this.prisma.groupSnapshot.deleteMany({ where: { capturedAt: { lt: before } } });
    const { count: rebalances } = await this.prisma.rebalanceEvent.deleteMany({ where: { occurredAt: { lt: before } } });
    return { snapshots, rebalances };
  }
}
