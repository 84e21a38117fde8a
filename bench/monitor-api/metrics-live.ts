/**
 * What monitor-api's presentation side costs on a cluster of 1,000 groups over topics of 50 partitions:
 * a Prometheus scrape of /metrics at each granularity (latency, size, series), and the WebSocket live
 * feed with many subscribers (frames delivered, CPU and memory of the service while they stream).
 *
 *   npx nx build broker && npx nx build monitor-api && npx tsx bench/monitor-api/metrics-live.ts
 *   BENCH_GROUPS=1000 BENCH_PARTITIONS=50 BENCH_SCRAPES=10 BENCH_WS_CLIENTS=1000 BENCH_WS_SECONDS=10 npx tsx bench/monitor-api/metrics-live.ts
 *
 * Targets: a scrape well under Prometheus' default 10 s timeout (aim: under 1 s at partition granularity);
 * 1,000 subscribers at 1 frame/s each without the service falling behind (frames received ≈ clients × seconds).
 */
import { loadavg } from 'node:os';
import { applyMigrations, dropDatabase, ensureDatabase } from '@app/db';
import { WebSocket } from 'ws';
import { cpuSecondsOf, GROUPS, memoryMiB, PARTITIONS, quantile, startApp, startBenchCluster, stopChild } from './bench-cluster';

const SCRAPES = Number(process.env.BENCH_SCRAPES ?? 10);
const WS_CLIENTS = Number(process.env.BENCH_WS_CLIENTS ?? 1000);
const WS_SECONDS = Number(process.env.BENCH_WS_SECONDS ?? 10);
async function waitForSweep(base: string): Promise<void> {
  for (;;) {
    // While the first sweep runs the service may still be busy starting; a refused or reset request is retried.
    const body = (await fetch(`${base}/api/v1/consumers/clusters`).then((r) => r.json()).catch(() => ({ clusters: [] }))) as { clusters: { cluster_id: string; groups_count: number }[] };
    if ((body.clusters.find((c) => c.cluster_id === 'local')?.groups_count ?? 0) >= GROUPS) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function scrapes(base: string): Promise<{ p50: number; p99: number; bytes: number; series: number }> {
  const ms: number[] = [];
  let text = '';
  for (let i = 0; i <= SCRAPES; i++) {
    const t0 = performance.now();
    text = await (await fetch(`${base}/metrics`)).text();
    if (i > 0) ms.push(performance.now() - t0); // the first scrape computes the samples of the snapshot
  }
  ms.sort((a, b) => a - b);
  return { p50: quantile(ms, 0.5), p99: quantile(ms, 0.99), bytes: Buffer.byteLength(text), series: text.split('\n').filter((l) => l.startsWith('governance_')).length };
}

async function live(base: string, pid: number): Promise<{ frames: number; expected: number; bytes: number; cpu: number; rssBefore: number; rssAfter: number }> {
  const rssBefore = memoryMiB(pid, 'VmRSS');
  let frames = 0;
  let bytes = 0;
  const sockets: WebSocket[] = [];
  await Promise.all(
    Array.from({ length: WS_CLIENTS }, (_, i) => new Promise<void>((resolve, reject) => {
      const socket = new WebSocket(`${base.replace('http', 'ws')}/ws/consumers/groups/bench-group-${i % GROUPS}/live?interval=1`);
      socket.on('message', (data: Buffer) => {
        frames++;
        bytes += data.length;
      });
      socket.once('open', () => resolve());
      socket.once('error', reject);
      sockets.push(socket);
    })),
  );
  const countedFrom = frames;
  const cpu0 = cpuSecondsOf(pid);
  await new Promise((r) => setTimeout(r, WS_SECONDS * 1000));
  const cpu = cpuSecondsOf(pid) - cpu0;
  const delivered = frames - countedFrom;
  const rssAfter = memoryMiB(pid, 'VmRSS');
  for (const socket of sockets) socket.terminate();
  return { frames: delivered, expected: WS_CLIENTS * WS_SECONDS, bytes: bytes / Math.max(1, frames), cpu, rssBefore, rssAfter };
}

async function main(): Promise<void> {
  const cluster = await startBenchCluster();
  const databaseUrl = `postgresql://postgres@127.0.0.1:5432/bench_monitor_live_${process.pid}`;
  await ensureDatabase(databaseUrl);
  await applyMigrations(databaseUrl);
  try {
    for (const granularity of ['group', 'partition']) {
      const { child, line } = await startApp(
        'monitor-api',
        {
          HTTP_PORT: '0', KAFKA_BROKERS: cluster.bootstrap, DATABASE_URL: databaseUrl, API_AUTH_DISABLED: 'true', REDIS_STREAMS_ENABLED: 'false',
          GROUP_EVENTS_STREAM: `bench-monitor-${Date.now()}:group-events`, ALERTS_STREAM: `bench-monitor-${Date.now()}:alerts`,
          // info: the start line that carries the port is logged at info.
          METRICS_GRANULARITY: granularity, LIVE_MAX_CONNECTIONS: String(WS_CLIENTS + 10), LOG_LEVEL: 'info',
        },
        (l) => typeof l.port === 'number' && l.msg === 'monitor-api started',
      );
      const base = `http://127.0.0.1:${line.port as number}`;
      try {
        await waitForSweep(base);
        const scrape = await scrapes(base);
        process.stdout.write(
          `/metrics at ${granularity} granularity, ${GROUPS} groups x ${PARTITIONS} partitions: p50 ${scrape.p50.toFixed(1)} ms, p99 ${scrape.p99.toFixed(1)} ms over ${SCRAPES} scrapes; ` +
            `${(scrape.bytes / 1024 / 1024).toFixed(2)} MiB, ${scrape.series} governance series; monitor-api RSS ${memoryMiB(child.pid as number, 'VmRSS').toFixed(0)} MiB\n`,
        );
        if (granularity === 'group') {
          const feed = await live(base, child.pid as number);
          process.stdout.write(
            `live feed: ${WS_CLIENTS} clients at interval=1 for ${WS_SECONDS} s: ${feed.frames} frames received (${feed.expected} expected), ` +
              `${(feed.bytes / 1024).toFixed(1)} KiB per frame, monitor-api CPU ${((feed.cpu / WS_SECONDS) * 100).toFixed(0)}% of one core, ` +
              `RSS ${feed.rssBefore.toFixed(0)} -> ${feed.rssAfter.toFixed(0)} MiB\n`,
          );
        }
      } finally {
        await stopChild(child);
      }
    }
  } finally {
    await dropDatabase(databaseUrl);
    await cluster.stop();
  }
  process.stdout.write(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
