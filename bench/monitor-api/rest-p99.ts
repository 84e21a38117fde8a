/**
 * p99 latency of GET /api/v1/consumers/groups and GET /groups/{id}/health under 200 concurrent requests, served
 * by monitor-api as a built process (dist/apps/monitor-api) watching a broker with 1,000 groups over topics of
 * 50 partitions; then monitor-api's memory (VmRSS, VmHWM).
 *
 *   npx nx build broker && npx nx build monitor-api && npx tsx bench/monitor-api/rest-p99.ts
 *   BENCH_CONCURRENCY=200 BENCH_SECONDS=10 npx tsx bench/monitor-api/rest-p99.ts
 *
 * Target: p99 under 50 ms for both.
 */
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { loadavg } from 'node:os';
import { applyMigrations, dropDatabase, ensureDatabase } from '@app/db';
import { GROUPS, quantile, startApp, startBenchCluster, stopChild } from './bench-cluster';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

function get(agent: http.Agent, port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    http
      .get({ host: '127.0.0.1', port, path, agent }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`${path}: ${res.statusCode}`))));
      })
      .on('error', reject);
  });
}

async function waitForGroups(port: number): Promise<void> {
  const agent = new http.Agent();
  for (;;) {
    const body = await new Promise<string>((resolve, reject) =>
      http.get({ host: '127.0.0.1', port, path: '/api/v1/consumers/clusters', agent }, (res) => {
        let data = '';
        res.on('data', (c) => (data += c));
        res.on('end', () => resolve(data));
      }).on('error', reject),
    );
    const local = (JSON.parse(body) as { clusters: { cluster_id: string; groups_count: number }[] }).clusters.find((c) => c.cluster_id === 'local');
    if (local && local.groups_count >= GROUPS) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function memoryOf(pid: number): Promise<string> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(/(\d+) kB/.exec(status.split('\n').find((l) => l.startsWith(key)) ?? '')?.[1] ?? 0);
  return `VmRSS ${(kb('VmRSS') / 1024).toFixed(0)} MiB, VmHWM (peak) ${(kb('VmHWM') / 1024).toFixed(0)} MiB`;
}

async function main(): Promise<void> {
  const cluster = await startBenchCluster();
  const databaseUrl = `postgresql://postgres@127.0.0.1:5432/bench_monitor_${process.pid}`;
  await ensureDatabase(databaseUrl);
  await applyMigrations(databaseUrl);
  const { child, line } = await startApp(
    'monitor-api',
    {
      KAFKA_BROKERS: cluster.bootstrap,
      DATABASE_URL: databaseUrl,
      HTTP_PORT: '0',
      API_AUTH_DISABLED: 'true',
      REDIS_STREAMS_ENABLED: 'false',
      SWEEP_INTERVAL_MS: '10000',
      LOG_LEVEL: 'warn',
    },
    (l) => l.msg === 'monitor-api started' || typeof l.port === 'number',
  );
  const port = line.port as number;
  try {
    await waitForGroups(port);
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const latencies: Record<string, number[]> = { groups: [], health: [] };
    const deadline = performance.now() + SECONDS * 1000;
    let n = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, worker) => {
        while (performance.now() < deadline) {
          const i = n++;
          if ((i + worker) % 2 === 0) latencies.groups.push(await get(agent, port, `/api/v1/consumers/groups?page=${1 + (i % 20)}&page_size=50`));
          else latencies.health.push(await get(agent, port, `/api/v1/consumers/groups/bench-group-${i % GROUPS}/health`));
        }
      }),
    );
    agent.destroy();
    const report = (name: string, xs: number[]) => {
      xs.sort((a, b) => a - b);
      return `  ${name}: ${xs.length} requests (${(xs.length / SECONDS).toFixed(0)}/s), p50 ${quantile(xs, 0.5).toFixed(1)} ms, p99 ${quantile(xs, 0.99).toFixed(1)} ms, max ${(xs.at(-1) as number).toFixed(1)} ms`;
    };
    process.stdout.write(
      [
        `monitor-api serving ${GROUPS} groups, ${CONCURRENCY} concurrent keep-alive requests for ${SECONDS} s (target p99 < 50 ms):`,
        report('GET /api/v1/consumers/groups?page_size=50  ', latencies.groups),
        report('GET /api/v1/consumers/groups/{id}/health    ', latencies.health),
        `  monitor-api memory: ${await memoryOf(child.pid as number)}`,
        `  load average: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`,
      ].join('\n') + '\n',
    );
  } finally {
    await stopChild(child);
    await cluster.stop();
    await dropDatabase(databaseUrl);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
