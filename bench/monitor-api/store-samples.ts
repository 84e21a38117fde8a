/**
 * The cost of storing one sweep of 1,000 groups × 50 partitions: 1,000 group snapshots and 50,000 lag samples
 * (SnapshotStore.save, one transaction of unnest INSERTs), and of reading back what a restart restores.
 * No cluster: the snapshots come from SnapshotBuilder over synthetic collections, every partition produced to
 * and committed on every sweep (the most rows a restore can find). A throw-away database on the local Postgres.
 *
 *   npx tsx bench/monitor-api/store-samples.ts
 *   BENCH_GROUPS=1000 BENCH_PARTITIONS=50 BENCH_SWEEPS=30 npx tsx bench/monitor-api/store-samples.ts
 */
import { randomBytes } from 'node:crypto';
import { applyMigrations, createPrismaClient, dropDatabase, ensureDatabase } from '@app/db';
import type { ClusterCollection, CollectedTopic } from '../../apps/monitor-api/src/collect/collected';
import { DEFAULT_THRESHOLDS } from '../../apps/monitor-api/src/governance/default-thresholds';
import { restoreBuilderState, restoreWindows } from '../../apps/monitor-api/src/snapshots/builder-restore';
import { SnapshotBuilder, SnapshotBuilderOptions } from '../../apps/monitor-api/src/snapshots/snapshot-builder';
import { SnapshotStore } from '../../apps/monitor-api/src/snapshots/snapshot-store';

const GROUPS = Number(process.env.BENCH_GROUPS ?? 1000);
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 50);
const SWEEPS = Number(process.env.BENCH_SWEEPS ?? 30);
const TOPICS = 20;
const INTERVAL_MS = 10_000;

function collection(sweep: number): ClusterCollection {
  const topics = new Map<string, CollectedTopic>();
  for (let t = 0; t < TOPICS; t++) {
    const partitions = Array.from({ length: PARTITIONS }, (_, partition) => ({ partition, endOffset: 1000 * (sweep + 1) + partition, logStartOffset: 0 }));
    topics.set(`topic-${t}`, { name: `topic-${t}`, partitions, replicationFactor: 1, retentionMs: null, retentionBytes: null });
  }
  const groups = Array.from({ length: GROUPS }, (_, g) => {
    const topic = `topic-${g % TOPICS}`;
    const partitions = Array.from({ length: PARTITIONS }, (_, p) => p);
    return {
      groupId: `group-${g}`,
      state: 'Stable' as const,
      assignor: 'range',
      generation: 1,
      members: [{ member_id: `m-${g}`, client_id: 'c', host: '/10.0.0.1', group_instance_id: null, assignment: [{ topic, partitions }], partition_count: PARTITIONS, pending: null, idle_ms: null, inactive_ms: null }],
      commits: partitions.map((partition) => ({ topic, partition, committedOffset: 1000 * sweep + partition + (g % 7) })),
    };
  });
  return { clusterId: 'local', kind: 'kafka', collectedAtMs: Date.now() - (SWEEPS - sweep) * INTERVAL_MS, durationMs: 1, groups, topics };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function main(): Promise<void> {
  const url = `postgresql://postgres@127.0.0.1:5432/bench_store_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(url);
  await applyMigrations(url);
  const prisma = createPrismaClient(url, 4);
  const store = new SnapshotStore(prisma);
  const options: SnapshotBuilderOptions = { thresholds: { global: DEFAULT_THRESHOLDS, topics: {}, groups: {} }, endOffsetHistoryPoints: 360, rebalanceSnapshots: 30, rebalanceMax: 5 };
  const builder = new SnapshotBuilder(options);
  try {
    const saveMs: number[] = [];
    let samples = 0;
    for (let i = 0; i < SWEEPS; i++) {
      const snapshot = builder.build(collection(i));
      const t0 = performance.now();
      const saved = await store.save(snapshot);
      saveMs.push(performance.now() - t0);
      samples = saved.samples;
    }
    saveMs.sort((a, b) => a - b);
    const t0 = performance.now();
    const rows = await store.restoreRows('local', restoreWindows(options, INTERVAL_MS));
    const t1 = performance.now();
    restoreBuilderState(rows, options);
    const t2 = performance.now();
    const f = (n: number) => n.toFixed(0);
    process.stdout.write(
      [
        `save of one sweep: ${GROUPS} group snapshots + ${samples} lag samples, ${SWEEPS} sweeps`,
        `  p50 ${f(quantile(saveMs, 0.5))} ms, min ${f(saveMs[0])} ms, max ${f(saveMs.at(-1) as number)} ms`,
        `restore after ${SWEEPS} sweeps: read ${f(t1 - t0)} ms (${rows.endOffsets.length} end offsets, ${rows.commits.length} commits, ${rows.snapshots.length} snapshots), replay ${f(t2 - t1)} ms`,
      ].join('\n') + '\n',
    );
  } finally {
    await prisma.$disconnect();
    await dropDatabase(url);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
