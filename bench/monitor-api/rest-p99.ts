/**
 * p99 latency of GET /api/v1/consumers/groups and GET /groups/{id}/health under 200 concurrent requests, served
 * by monitor-api as a built process (dist/apps/monitor-api) watching a broker with 1,000 groups over topics of
 * 50 partitions; then monitor-api's memory (VmRSS, VmHWM).
 *
 *   npx nx build broker && npx nx build monitor-api && npx tsx bench/monitor-api/rest-p99.ts
 *   BENCH_CONCURRENCY=200 BENCH_SECONDS=10 npx tsx bench/monitor-api/rest-p99.ts
 *   BENCH_RATE=1000 npx tsx bench/monitor-api/rest-p99.ts
 *   BENCH_FLOOR=1 npx tsx bench/monitor-api/rest-p99.ts   # then the same load on a bare node:http server
 *   BENCH_CLIENT=wrk BENCH_FLOOR=1 npx tsx bench/monitor-api/rest-p99.ts   # the load from wrk instead (apt-get install wrk)
 *   BENCH_JSON=1 ...   # also one line `BENCH_JSON {...}` with the figures; BENCH_WRK_VERBOSE=1 prints wrk's own output
 *
 * By default 200 clients each send their next request as soon as the last one is answered (a closed loop): the
 * service is saturated and p99 is about 200 / throughput, whatever the service does. With BENCH_RATE, requests
 * arrive at that many per second whatever the answers (an open loop, as independent users send them), at most
 * BENCH_CONCURRENCY in flight: latency then measures the service at that load.
 *
 * BENCH_CLIENT=wrk sends the same closed-loop load (same connections, duration and URL sequence) from wrk, a C
 * load generator, instead of this process: the Node client shares the two CPUs with the server and spends more CPU
 * per request (0.04-0.06 ms) than the server it measures (0.03-0.04 ms), which caps the load at ~10,000-12,000
 * requests/s; wrk spends 0.01 ms and saturates the server (27,000-34,000 requests/s).
 * wrk keeps one latency histogram for all URLs: its line covers both endpoints together. No open loop with wrk
 * (BENCH_RATE): wrk2 does that, Debian does not package it.
 *
 * Target: p99 under 50 ms for both. On a shared machine the latencies mostly measure the wait for a CPU; the
 * CPU time monitor-api spent per request is printed beside them.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, dropDatabase, ensureDatabase } from '@app/db';
import { freePort } from '@app/testing';
import { cpuSecondsOf, GROUPS, memoryMiB, quantile, spawnApp, startBenchCluster, stopChild } from './bench-cluster';

const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATE = process.env.BENCH_RATE ? Number(process.env.BENCH_RATE) : null;
/** 10000: a sweep lands during the measurement, as in production; 3600000: only serving is measured. */
const SWEEP_INTERVAL_MS = process.env.BENCH_SWEEP_INTERVAL_MS ?? '10000';
/** 'node' (this process sends the requests) or 'wrk'. */
const CLIENT = process.env.BENCH_CLIENT ?? 'node';
/**
 * One wrk thread: it sent 27,000-34,000 requests/s to monitor-api (44,000-59,000 to the floor) at 0.008-0.013 ms
 * of CPU each, a third of one CPU at most; a second thread would only take CPU from the server on two CPUs.
 */
const WRK_THREADS = Number(process.env.BENCH_WRK_THREADS ?? 1);
if (CLIENT !== 'node' && CLIENT !== 'wrk') throw new Error(`BENCH_CLIENT must be node or wrk, not ${CLIENT}`);
if (CLIENT === 'wrk' && RATE !== null) throw new Error('BENCH_RATE (open loop) needs BENCH_CLIENT=node: wrk only runs a closed loop');

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

/** The collect time of monitor-api's latest sweep of the bench cluster, as /clusters reports it. */
async function lastSweepOf(port: number): Promise<number | null> {
  const body = await new Promise<string>((resolve, reject) =>
    http.get({ host: '127.0.0.1', port, path: '/api/v1/consumers/clusters' }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve(data));
    }).on('error', reject),
  );
  const local = (JSON.parse(body) as { clusters: { cluster_id: string; last_sweep_duration_ms: number | null }[] }).clusters.find((c) => c.cluster_id === 'local');
  return local?.last_sweep_duration_ms ?? null;
}

/** CPU seconds all processes have used (user, nice, system, irq, softirq, steal of /proc/stat's first line). */
async function machineCpuSeconds(): Promise<number> {
  const [user, nice, system, , , irq, softirq, steal] = (await readFile('/proc/stat', 'utf8')).split('\n')[0].split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + steal) / 100;
}


/** Request i of the mix: even ones a page of the list, odd ones a group's health. wrk's script mirrors it. */
function pathOf(i: number): { kind: 'groups' | 'health'; path: string } {
  return i % 2 === 0
    ? { kind: 'groups', path: `/api/v1/consumers/groups?page=${1 + (i % 20)}&page_size=50` }
    : { kind: 'health', path: `/api/v1/consumers/groups/bench-group-${i % GROUPS}/health` };
}

/** One line of the report: latencies in ms. */
interface Row {
  name: string;
  requests: number;
  bytesEach: number;
  p50: number;
  p99: number;
  max: number;
}

interface Measured {
  rows: Row[];
  /** Average body size of each kind, for the floor server. */
  bodyBytes: Record<'groups' | 'health', number>;
  /** CPU seconds the served process spent during the load. */
  cpuSeconds: number;
  /** CPU seconds the load generator spent (this process, or wrk). */
  clientCpuSeconds: number;
  /**
   * CPU seconds every other process on the machine spent meanwhile (the broker, Postgres, whatever else runs
   * here): on a shared machine a bad p99 with a high figure here measured the neighbours, not the service.
   */
  othersCpuSeconds: number;
  served: number;
}

function row(name: string, key: string, xs: number[]): Row {
  xs.sort((a, b) => a - b);
  return { name, requests: xs.length, bytesEach: (bodyBytes[key] ?? 0) / xs.length, p50: quantile(xs, 0.5), p99: quantile(xs, 0.99), max: xs.at(-1) as number };
}

async function measure(port: number, pid: number): Promise<Measured> {
  const sizes = await warmUp(port);
  return CLIENT === 'wrk' ? measureWrk(port, pid, sizes) : measureNode(port, pid);
}

/**
 * Asks for every distinct URL of the sequence once (10 pages, GROUPS / 2 healths), 20 at a time, before the
 * clock starts; returns the average body size of each kind. Why: the answers are cached per URL, and a URL's
 * first answer goes through Nest (routing, guards, pino-http): ~65 ms for the ~500 URLs with a warm JIT, 180-250 ms
 * with a cold one (--cpu-prof). Measured from cold, the first ~500 URLs held the loop for 250-900 ms at the start of the window:
 * wrk's p99 was 39-356 ms on a quiet machine (7 runs) and 27-51 ms after this warm-up (4 runs), the Node
 * client's 32-36 and 21-30 ms. The cold figure is a start-up one, not the steady state of dashboards that poll.
 */
async function warmUp(port: number): Promise<Record<'groups' | 'health', number>> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
  const bytes = { groups: 0, health: 0 };
  const counts = { groups: 0, health: 0 };
  let next = 0;
  const total = Math.max(20, 2 * GROUPS);
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (next < total) {
        const { kind, path } = pathOf(next++);
        await new Promise<void>((resolve, reject) =>
          http
            .get({ host: '127.0.0.1', port, path, agent }, (res) => {
              bytes[kind] += Number(res.headers['content-length'] ?? 0);
              counts[kind]++;
              res.resume();
              res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${path}: ${res.statusCode}`))));
            })
            .on('error', reject),
        );
      }
    }),
  );
  agent.destroy();
  return { groups: bytes.groups / counts.groups, health: bytes.health / counts.health };
}

/** 200 clients (closed loop) or RATE arrivals per second (open loop) against `port` for SECONDS; `pid` serves them. */
async function measureNode(port: number, pid: number): Promise<Measured> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: Record<'groups' | 'health', number[]> = { groups: [], health: [] };
  for (const key of Object.keys(bodyBytes)) delete bodyBytes[key];
  // Open every connection first: 200 connects at once can overflow the accept queue, and a dropped SYN is
  // retried after 1 s, then 3 s more, which once put a 7.3 s request in the figures.
  await Promise.all(Array.from({ length: CONCURRENCY }, () => get(agent, port, '/api/v1/consumers/clusters', 'warm-up')));
  const cpuBefore = cpuSecondsOf(pid);
  const machineBefore = await machineCpuSeconds();
  const clientBefore = process.cpuUsage();
  const deadline = performance.now() + SECONDS * 1000;
  let n = 0;
  const request = (i: number, started?: number) => {
    const { kind, path } = pathOf(i);
    return get(agent, port, path, kind, started).then((ms) => latencies[kind].push(ms));
  };
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
  const client = process.cpuUsage(clientBefore);
  const cpuSeconds = cpuSecondsOf(pid) - cpuBefore;
  const clientCpuSeconds = (client.user + client.system) / 1e6;
  const othersCpuSeconds = (await machineCpuSeconds()) - machineBefore - cpuSeconds - clientCpuSeconds;
  const rows = [row('GET /api/v1/consumers/groups?page_size=50  ', 'groups', latencies.groups), row('GET /api/v1/consumers/groups/{id}/health    ', 'health', latencies.health)];
  return {
    rows,
    bodyBytes: { groups: rows[0].bytesEach, health: rows[1].bytesEach },
    cpuSeconds,
    clientCpuSeconds,
    othersCpuSeconds,
    served: latencies.groups.length + latencies.health.length,
  };
}

/**
 * wrk's request sequence is pathOf's; its numbers come back from `done` as one JSON line (microseconds, exact
 * from its histogram) rather than parsed from the rounded figures of its `--latency` table.
 */
const WRK_SCRIPT = `
local n = 0
request = function()
  local i = n
  n = n + 1
  if i % 2 == 0 then
    return wrk.format("GET", string.format("/api/v1/consumers/groups?page=%d&page_size=50", 1 + (i % 20)))
  end
  return wrk.format("GET", string.format("/api/v1/consumers/groups/bench-group-%d/health", i % ${GROUPS}))
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK_JSON {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
`;

/** The same closed loop from wrk (CONCURRENCY connections, SECONDS), against `port`; `pid` serves them. */
async function measureWrk(port: number, pid: number, sizes: Record<'groups' | 'health', number>): Promise<Measured> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-wrk-'));
  const script = join(dir, 'mix.lua');
  await writeFile(script, WRK_SCRIPT);
  try {
    const cpuBefore = cpuSecondsOf(pid);
    const machineBefore = await machineCpuSeconds();
    // Through sh for its `times`, whose second line is the CPU wrk (its child) used. --timeout 30s: wrk leaves a
    // request over its timeout (2 s by default) out of the histogram, which would hide a stall from the p99.
    const args = ['-t', String(WRK_THREADS), '-c', String(CONCURRENCY), '-d', `${SECONDS}s`, '--timeout', '30s', '--latency', '-s', script, `http://127.0.0.1:${port}`];
    const child = spawn('sh', ['-c', 'wrk "$@" && times', 'sh', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    (child.stdout as NodeJS.ReadableStream).on('data', (chunk) => (out += chunk));
    const [code] = (await once(child, 'exit')) as [number | null];
    const cpuSeconds = cpuSecondsOf(pid) - cpuBefore;
    const machineSeconds = (await machineCpuSeconds()) - machineBefore;
    const json = /^WRK_JSON (.*)$/m.exec(out);
    if (code !== 0 || !json) throw new Error(`wrk failed (exit ${code}):\n${out}`);
    if (process.env.BENCH_WRK_VERBOSE === '1') process.stdout.write(out);
    const r = JSON.parse(json[1]) as Record<string, number>;
    const errors = r.connect + r.read + r.write + r.status + r.timeout;
    if (errors > 0) throw new Error(`wrk counted errors (connect ${r.connect}, read ${r.read}, write ${r.write}, non-2xx ${r.status}, timeout ${r.timeout}):\n${out}`);
    // `times`: "0m0.001s 0m0.002s" (the shell), then the same for its children (wrk).
    const seconds = (t: string) => {
      const m = /(\d+)m([\d.]+)s/.exec(t);
      return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
    };
    const timesLine = out.trim().split('\n').at(-1) as string;
    const [user, system] = timesLine.split(/\s+/);
    const clientCpuSeconds = seconds(user) + seconds(system);
    return {
      rows: [
        {
          name: `GET groups + groups/{id}/health, 1:1 (wrk)`,
          requests: r.requests,
          bytesEach: (sizes.groups + sizes.health) / 2,
          p50: r.p50_us / 1000,
          p99: r.p99_us / 1000,
          max: r.max_us / 1000,
        },
      ],
      bodyBytes: sizes,
      cpuSeconds,
      clientCpuSeconds,
      othersCpuSeconds: machineSeconds - cpuSeconds - clientCpuSeconds,
      served: r.requests,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function report({ rows, cpuSeconds, clientCpuSeconds, othersCpuSeconds, served }: Measured, who: string): string[] {
  return [
    ...rows.map(
      (r) =>
        `  ${r.name}: ${r.requests} requests (${(r.requests / SECONDS).toFixed(0)}/s), ${(r.bytesEach / 1024).toFixed(1)} KiB each, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, max ${r.max.toFixed(1)} ms`,
    ),
    `  ${who} CPU: ${cpuSeconds.toFixed(2)} s for ${served} requests = ${((cpuSeconds * 1000) / served).toFixed(3)} ms per request; client (${CLIENT}) CPU ${((clientCpuSeconds * 1000) / served).toFixed(3)} ms per request`,
    `  other processes' CPU meanwhile: ${othersCpuSeconds.toFixed(2)} s (of ${(cpus().length * SECONDS).toFixed(0)} CPU-seconds)`,
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
    const loadAtStart = loadavg();
    const measured = await measure(port, child.pid as number);
    const lastSweep = await lastSweepOf(port);
    const lines = [
      `monitor-api serving ${GROUPS} groups, ${RATE === null ? `${CONCURRENCY} concurrent keep-alive clients (closed loop)` : `${RATE} requests/s (open loop, at most ${CONCURRENCY} in flight)`} for ${SECONDS} s, client ${CLIENT === 'wrk' ? `wrk -t${WRK_THREADS}` : 'node'}, sweeping every ${SWEEP_INTERVAL_MS} ms (target p99 < 50 ms):`,
      ...report(measured, 'monitor-api'),
      `  monitor-api memory: VmRSS ${memoryMiB(child.pid as number, 'VmRSS').toFixed(0)} MiB, VmHWM (peak) ${memoryMiB(child.pid as number, 'VmHWM').toFixed(0)} MiB`,
      `  monitor-api last sweep: collect ${lastSweep ?? '?'} ms (last_sweep_duration_ms)`,
    ];
    let floor: Measured | null = null;
    if (process.env.BENCH_FLOOR === '1') {
      floor = await measureFloor(Math.round(measured.bodyBytes.groups), Math.round(measured.bodyBytes.health));
      lines.push('bare node:http sending the same body sizes from memory, same clients (the floor):', ...report(floor, 'node:http'));
    }
    const fmt = (l: number[]) => l.map((x) => x.toFixed(2)).join(' ');
    lines.push(`  load average: ${fmt(loadAtStart)} at the start, ${fmt(loadavg())} at the end`);
    if (process.env.BENCH_JSON === '1') {
      const json = (m: Measured) => ({ rows: m.rows, cpu_ms_per_request: (m.cpuSeconds * 1000) / m.served, client_cpu_ms_per_request: (m.clientCpuSeconds * 1000) / m.served, others_cpu_s: m.othersCpuSeconds });
      lines.push(
        `BENCH_JSON ${JSON.stringify({ client: CLIENT, seconds: SECONDS, concurrency: CONCURRENCY, monitor_api: json(measured), floor: floor && json(floor), last_sweep_ms: lastSweep, loadavg_start: loadAtStart, loadavg_end: loadavg() })}`,
      );
    }
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
