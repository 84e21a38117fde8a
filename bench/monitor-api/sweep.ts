/**
 * One full collection sweep of a cluster with 1,000 groups over topics of 50 partitions: the Admin API reads
 * (ListGroups, DescribeGroups, one OffsetFetch per group, ListOffsets per topic) plus building the served
 * snapshot (lag, percentiles, verdicts, health, recommendations).
 *
 *   npx nx build broker && npx tsx bench/monitor-api/sweep.ts
 *   BENCH_GROUPS=1000 BENCH_TOPICS=20 BENCH_PARTITIONS=50 BENCH_SWEEPS=10 BENCH_CONCURRENCY=16 npx tsx bench/monitor-api/sweep.ts
 *
 * Target: under 1 s per sweep. Wall times include waiting for a CPU on a shared machine; the CPU times
 * (this process only: the broker's share of collect is not in them) say what the sweep itself costs.
 */
import { loadavg } from 'node:os';
import { KafkaCollector } from '../../apps/monitor-api/src/collect/kafka-collector';
import { systemClock } from '../../apps/monitor-api/src/governance/clock';
import { DEFAULT_THRESHOLDS } from '../../apps/monitor-api/src/governance/default-thresholds';
import { SnapshotBuilder } from '../../apps/monitor-api/src/snapshots/snapshot-builder';
import { PARTITIONS, quantile, startBenchCluster, TOPICS } from './bench-cluster';

const SWEEPS = Number(process.env.BENCH_SWEEPS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);

async function main(): Promise<void> {
  const cluster = await startBenchCluster();
  const collector = new KafkaCollector({
    cluster: { clusterId: 'local', brokers: [cluster.bootstrap], ssl: false, sasl: null },
    clientId: 'bench-monitor',
    concurrency: CONCURRENCY,
    topicInfoRefreshMs: 60_000,
    groupFilter: () => true,
    clock: systemClock,
  });
  const builder = new SnapshotBuilder({ thresholds: { global: DEFAULT_THRESHOLDS, topics: {}, groups: {} }, endOffsetHistoryPoints: 360, rebalanceSnapshots: 30, rebalanceMax: 5 });
  try {
    const collectMs: number[] = [];
    const buildMs: number[] = [];
    const collectCpuMs: number[] = [];
    const buildCpuMs: number[] = [];
    const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
    let groups = 0;
    let partitions = 0;
    for (let i = 0; i <= SWEEPS; i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const collection = await collector.collect();
      const t1 = performance.now();
      const c1 = process.cpuUsage();
      const snapshot = builder.build(collection);
      const t2 = performance.now();
      const c2 = process.cpuUsage(c1);
      groups = snapshot.groups.size;
      partitions = [...snapshot.groups.values()].reduce((n, v) => n + v.detail.partitions.length, 0);
      if (i === 0) continue; // the first sweep connects and reads topic metadata and configs
      collectMs.push(t1 - t0);
      buildMs.push(t2 - t1);
      collectCpuMs.push(cpuMs(process.cpuUsage(c0)) - cpuMs(c2));
      buildCpuMs.push(cpuMs(c2));
    }
    const total = collectMs.map((c, i) => c + buildMs[i]).sort((a, b) => a - b);
    for (const xs of [collectMs, buildMs, collectCpuMs, buildCpuMs]) xs.sort((a, b) => a - b);
    const mem = process.memoryUsage();
    const f = (n: number) => n.toFixed(0);
    process.stdout.write(
      [
        `sweep of ${groups} groups (${partitions} group-partitions) over ${TOPICS} topics x ${PARTITIONS} partitions, OffsetFetch concurrency ${CONCURRENCY}, ${SWEEPS} sweeps`,
        `  collect (Admin API): p50 ${f(quantile(collectMs, 0.5))} ms, max ${f(collectMs.at(-1) as number)} ms; monitor CPU p50 ${f(quantile(collectCpuMs, 0.5))} ms`,
        `  build (governance):  p50 ${f(quantile(buildMs, 0.5))} ms, max ${f(buildMs.at(-1) as number)} ms; CPU p50 ${f(quantile(buildCpuMs, 0.5))} ms`,
        `  full sweep:          p50 ${f(quantile(total, 0.5))} ms, max ${f(total.at(-1) as number)} ms   (target < 1000 ms)`,
        `  monitor process memory after the sweeps: heap used ${f(mem.heapUsed / 1048576)} MiB, rss ${f(mem.rss / 1048576)} MiB`,
        `  load average: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
      ].join('\n') + '\n',
    );
  } finally {
    await collector.close();
    await cluster.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
