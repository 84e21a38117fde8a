/**
 * p99 latency of GET /api/v1/consumers/groups and GET /groups/{id}/health under 200 concurrent requests, served
 * by monitor-api as a built process (dist/apps/monitor-api) watching a broker with 1,000 groups over topics of
 * 50 partitions; then monitor-api's memory (VmRSS, VmHWM).
 *
 *   npx nx build broker && npx nx build monitor-api && npx tsx bench/monitor-api/rest-p99.ts
 *   BENCH_CONCURRENCY=200 BENCH_SECONDS=10 npx tsx bench/monitor-api/rest-p99.ts
 *   BENCH_RATE=1000 npx tsx bench/monitor-api/rest-p99.ts
 *   BENCH_FLOOR=1 npx tsx bench/monitor-api/rest-p99.ts   # then the same load on a bare node:http server
 *
 * By default 200 clients each send their next request as soon as the last one is answered (a closed loop): the
 * service is saturated and p99 is about 200 / throughput, whatever the service does. With BENCH_RATE, requests
 * arrive at that many per second whatever the answers (an open loop, as independent users send them), at most
 * BENCH_CONCURRENCY in flight: latency then measures the service at that load.
 *
 * Target: p99 under 50 ms for both. On a shared machine the latencies mostly measure the wait for a CPU; the
 * CPU time monitor-api spent per request is printed beside them.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { loadavg } from 'node:os';
import { applyMigrations, dropDatabase, ensureDatabase } from '@app/db';
import { freePort } from '@app/testing';
import { GROUPS, quantile, spawnApp, startBenchCluster, stopChild } from './bench-cluster';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATE = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : null;
/** 10000: a sweep lands during the measurement, as in production; 3600000: only serving is measured. */
const SWEEP_INTERVAL_MS = process.env.BENCH_SWEEP_INTERVAL_MS ?? '10000';

const bodyBytes: Record<string, number> = {};

/** Resolves with the milliseconds from `started` (by default now) to the end of the answer. */
function get(agent: http.Agent, port: number, path: string, kind: string, started = performance.now()): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent }, (res) => {
        bodyBytes[kind] = (bodyBytes[kind] ?? 0) + Number(res.headers['content-length'] ?? 0);
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`${path}: ${res.statusCode}`))));
      })
      .on('error', reject);
  });
}

async function waitForGroups(port: number): Promise<void> {
  const agent = new http.Agent();
  for (;;) {
    const body = await new Promise<string>((resolve) =>
      http.get({ host: '127.0.0.1', port, path: '/api/v1/consumers/clusters', agent }, (res) => {
        let data = '';
        res.on('data', (c) => (data += c));
        res.on('end', () => resolve(data));
      }).on('error', () => resolve('{"clusters":[]}')),
    );
    const local = (JSON.parse(body) as { clusters: { cluster_id: string; groups_count: number }[] }).clusters.find((c) => c.cluster_id === 'local');
    if (local && local.groups_count >= GROUPS) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}


/** CPU seconds (user + system) a process has used, from /proc (clock ticks of 1/100 s). */
async function cpuSecondsOf(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function memoryOf(pid: number): Promise<string> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(/(\d+) kB/.exec(status.split('\n').find((l) => l.startsWith(key)) ?? '')?.[1] ?? 0);
  return `VmRSS ${(kb('VmRSS') / 1024).toFixed(0)} MiB, VmHWM (peak) ${(kb('VmHWM') / 1024).toFixed(0)} MiB`;
}

interface Measured {
  latencies: Record<'groups' | 'health', number[]>;
  cpuSeconds: number;
}

/** 200 clients (closed loop) or RATE arrivals per second (open loop) against `port` for SECONDS; `pid` serves them. */
async function measure(port: number, pid: number): Promise<Measured> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: Measured['latencies'] = { groups: [], health: [] };
  for (const key of Object.keys(bodyBytes)) delete bodyBytes[key];
  // Open every connection first: 200 connects at once can overflow the accept queue, and a dropped SYN is
  // retried after 1 s, then 3 s more, which once put a 7.3 s request in the figures.
  await Promise.all(Array.from({ length: CONCURRENCY }, () => get(agent, port, '/api/v1/consumers/clusters', 'warm-up')));
  const cpuBefore = await cpuSecondsOf(pid);
  const deadline = performance.now() + SECONDS * 1000;
  let n = 0;
  const request = (i: number, started?: number) =>
    i % 2 === 0
      ? get(agent, port, `/api/v1/consumers/groups?page=${1 + (i % 20)}&page_size=50`, 'groups', started).then((ms) => latencies.groups.push(ms))
      : get(agent, port, `/api/v1/consumers/groups/bench-group-${i % GROUPS}/health`, 'health', started).then((ms) => latencies.health.push(ms));
  if (RATE === null) {
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (performance.now() < deadline) await request(n++);
      }),
    );
  } else {
    // Arrivals on a fixed schedule; a request's latency counts from its scheduled time, so a late start (the
    // event loop of this process busy) is charged, not hidden.
    const inFlight = new Set<Promise<unknown>>();
    const started = performance.now();
    let skipped = 0;
    while (performance.now() < deadline) {
      const due = started + (n * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (inFlight.size >= CONCURRENCY) {
        skipped++;
        n++;
        continue;
      }
      const p: Promise<unknown> = request(n++, due);
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
    }
    await Promise.all(inFlight);
    if (skipped > 0) process.stdout.write(`  ${skipped} arrivals dropped: ${CONCURRENCY} already in flight\n`);
  }
  agent.destroy();
  return { latencies, cpuSeconds: (await cpuSecondsOf(pid)) - cpuBefore };
}

function report({ latencies, cpuSeconds }: Measured, who: string): string[] {
  const line = (name: string, key: string, xs: number[]) => {
    xs.sort((a, b) => a - b);
    return `  ${name}: ${xs.length} requests (${(xs.length / SECONDS).toFixed(0)}/s), ${((bodyBytes[key] ?? 0) / xs.length / 1024).toFixed(1)} KiB each, p50 ${quantile(xs, 0.5).toFixed(1)} ms, p99 ${quantile(xs, 0.99).toFixed(1)} ms, max ${(xs.at(-1) as number).toFixed(1)} ms`;
  };
  const served = latencies.groups.length + latencies.health.length;
  return [
    line('GET /api/v1/consumers/groups?page_size=50  ', 'groups', latencies.groups),
    line('GET /api/v1/consumers/groups/{id}/health    ', 'health', latencies.health),
    `  ${who} CPU: ${cpuSeconds.toFixed(2)} s for ${served} requests = ${((cpuSeconds * 1000) / served).toFixed(3)} ms per request`,
  ];
}

/**
 * The same load against a bare node:http server sending bodies of the same sizes from memory: the most any Node
 * HTTP service can do on this machine with this client beside it, so the figure above can be read against it.
 */
async function measureFloor(groupsBytes: number, healthBytes: number): Promise<Measured> {
  const port = await freePort();
  const server = `
    const groups = Buffer.alloc(${groupsBytes}, 'x'), health = Buffer.alloc(${healthBytes}, 'x');
    require('node:http').createServer((req, res) => {
      const body = req.url.includes('/health') ? health : groups;
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': body.length, ETag: 'W/"x"', 'Cache-Control': 'private, max-age=5' });
      res.end(body);
    }).listen(${port}, '127.0.0.1', () => process.stdout.write('ready\\n'));`;
  const child = spawn(process.execPath, ['-e', server], { stdio: ['ignore', 'pipe', 'inherit'] });
  await once(child.stdout as NodeJS.ReadableStream, 'data');
  try {
    return await measure(port, child.pid as number);
  } finally {
    await stopChild(child);
  }
}

async function main(): Promise<void> {
  const cluster = await startBenchCluster();
  const databaseUrl = `postgresql://postgres@127.0.0.1:5432/bench_monitor_${process.pid}`;
  await ensureDatabase(databaseUrl);
  await applyMigrations(databaseUrl);
  const port = await freePort();
  // LOG_LEVEL=warn: at info every request is logged, which would be measured too. Readiness is polled instead.
  const child = spawnApp(
    'monitor-api',
    {
      KAFKA_BROKERS: cluster.bootstrap,
      DATABASE_URL: databaseUrl,
      HTTP_PORT: String(port),
      API_AUTH_DISABLED: 'true',
      REDIS_STREAMS_ENABLED: 'false',
      SWEEP_INTERVAL_MS: SWEEP_INTERVAL_MS,
      LOG_LEVEL: 'warn',
    },
    // e.g. BENCH_MONITOR_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to see where a request's CPU goes.
    (process.env.BENCH_MONITOR_NODE_ARGS ?? '').split(' ').filter(Boolean),
  );
  try {
    await waitForGroups(port);
    // The first sweep's snapshot is served before its alerts and rows are stored; let that settle first.
    await new Promise((r) => setTimeout(r, Number(process.env.BENCH_SETTLE_MS ?? 20_000)));
    const measured = await measure(port, child.pid as number);
    const lines = [
      `monitor-api serving ${GROUPS} groups, ${RATE === null ? `${CONCURRENCY} concurrent keep-alive clients (closed loop)` : `${RATE} requests/s (open loop, at most ${CONCURRENCY} in flight)`} for ${SECONDS} s, sweeping every ${SWEEP_INTERVAL_MS} ms (target p99 < 50 ms):`,
      ...report(measured, 'monitor-api'),
      `  monitor-api memory: ${await memoryOf(child.pid as number)}`,
    ];
    if (process.env.BENCH_FLOOR === '1') {
      const size = (key: 'groups' | 'health') => Math.round((bodyBytes[key] ?? 0) / measured.latencies[key].length);
      const [groupsBytes, healthBytes] = [size('groups'), size('health')];
      lines.push('bare node:http sending the same body sizes from memory, same clients (the floor):', ...report(await measureFloor(groupsBytes, healthBytes), 'node:http'));
    }
    lines.push(`  load average: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    process.stdout.write(lines.join('\n') + '\n');
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
