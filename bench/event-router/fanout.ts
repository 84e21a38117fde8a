/**
 * event-router fan-out benchmark: N concurrent SSE clients on ONE router process, events
 * published at a steady rate spread across jobs, measuring delivered events/s, p50/p99 latency
 * from XADD (the entry id's time) to receipt by the client, and memory per idle connection.
 *
 *   npx nx build event-router && npx tsx bench/event-router/fanout.ts
 *
 * Knobs (env): BENCH_CONNECTIONS (10000), BENCH_JOBS (2000), BENCH_RATE events/s (2000),
 * BENCH_SECONDS (20), REDIS_URL, REDIS_CLUSTER_NODES (host:port,...: the router and the publisher on a
 * Redis Cluster instead of the node at REDIS_URL), BENCH_CPU_PROF_DIR (profile the router), BENCH_ROUTER_NODE_ARGS (node flags). The router runs as the built app (`node dist/apps/event-router/main.js`),
 * the clients in a forked process, the publisher here; all on loopback. Stream names are unique
 * per run and deleted at the end; the real streams are never touched.
 */
import { ChildProcess, fork, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { shardForJob } from '@app/domain';
import { createRedisClient, isCluster, loadConfig, redisEnv, redisTopologyFrom } from '@app/platform';
import { RedisStreamsClient } from '@app/redis-streams';

const ROOT = path.resolve(__dirname, '../..');
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10_000);
const JOBS = Number(process.env.BENCH_JOBS ?? 2_000);
const RATE = Number(process.env.BENCH_RATE ?? 2_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const REDIS_CLUSTER_NODES = process.env.REDIS_CLUSTER_NODES ?? '';
const TICK_MS = 10;

const prefix = `bench-er-${Date.now().toString(36)}`;
const shards = [0, 1, 2, 3].map((n) => `${prefix}:chat:{${n}}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/** A quantile from the router's own delivery-latency histogram (entry id time to write), at bucket resolution. */
function routerQuantile(text: string, q: number): string {
  const buckets = text
    .split('\n')
    .filter((l) => l.startsWith('sse_delivery_latency_seconds_bucket{') && l.includes('kind="job"'))
    .map((l) => ({ le: /le="([^"]+)"/.exec(l)?.[1] ?? '+Inf', count: Number(l.slice(l.lastIndexOf(' ') + 1)) }));
  const total = buckets[buckets.length - 1]?.count ?? 0;
  const hit = buckets.find((b) => b.count >= q * total);
  return hit ? `<= ${hit.le === '+Inf' ? 'inf' : Number(hit.le) * 1000} ms` : 'n/a';
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function scrape(baseUrl: string): Promise<string> {
  return (await fetch(`${baseUrl}/metrics`)).text();
}

function valueOf(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : Number.NaN;
}

function startRouter(): Promise<{ child: ChildProcess; pid: number; baseUrl: string }> {
  const main = path.join(ROOT, 'dist/apps/event-router/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run "npx nx build event-router" first`);
  // BENCH_CPU_PROF_DIR=<dir> profiles the router (node --cpu-prof), written when it exits.
  const profile = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [];
  // BENCH_ROUTER_NODE_ARGS: extra node flags for the router, e.g. "--max-semi-space-size=32".
  const nodeArgs = (process.env.BENCH_ROUTER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...profile, main], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: {
      PATH: process.env.PATH ?? '',
      REDIS_URL,
      ...(REDIS_CLUSTER_NODES ? { REDIS_CLUSTER_NODES } : {}),
      HTTP_PORT: '0',
      LOG_LEVEL: 'info',
      SSE_AUTH_DISABLED: 'true',
      SSE_MAX_CONNECTIONS: String(CONNECTIONS + 1000),
      SSE_MAX_CONNECTIONS_PER_CLIENT: String(CONNECTIONS + 1000),
      CHAT_EVENT_STREAMS: shards.join(','),
      ALERTS_STREAM: `${prefix}:alerts`,
      PIPELINE_TRIGGERS_STREAM: `${prefix}:pipelines`,
      CHAT_DLQ_STREAM: `${prefix}:dlq`,
      ROUTED_KEY_PREFIX: `${prefix}:routed:`,
      CONSUMER_NAME: 'bench',
    },
  });
  const { stdout, pid } = child;
  if (!stdout || pid === undefined) throw new Error('could not start the router process');
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: stdout });
    lines.on('line', (line) => {
      if (!line.includes('"event-router started"')) return;
      const port = (JSON.parse(line) as { port: number }).port;
      lines.removeAllListeners('line');
      stdout.resume();
      resolve({ child, pid, baseUrl: `http://127.0.0.1:${port}` });
    });
    child.once('exit', (code) => reject(new Error(`router exited with ${code}`)));
  });
}

function ask<T>(clients: ChildProcess, command: object, answer: string): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (message: { type: string }) => {
      if (message.type !== answer) return;
      clients.off('message', onMessage);
      resolve(message as T);
    };
    clients.on('message', onMessage);
    clients.send(command);
  });
}

async function main(): Promise<void> {
  const redis = createRedisClient(redisTopologyFrom(loadConfig(redisEnv, process.env)));
  const producer = new RedisStreamsClient(redis);
  const { child: router, pid: routerPid, baseUrl } = await startRouter();
  const clients = fork(path.join(__dirname, 'sse-clients.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    await sleep(2000);
    const rss0 = rssBytes(routerPid);
    const heap0 = valueOf(await scrape(baseUrl), 'nodejs_heap_size_used_bytes');

    const connectStarted = Date.now();
    const connected = await ask<{ ok: number; failed: number }>(clients, { type: 'connect', baseUrl, connections: CONNECTIONS, jobs: JOBS, jobPrefix: 'bench-job-', batch: 250 }, 'connected');
    const connectSeconds = (Date.now() - connectStarted) / 1000;
    await sleep(5000);
    const rss1 = rssBytes(routerPid);
    const idle = await scrape(baseUrl);
    const heap1 = valueOf(idle, 'nodejs_heap_size_used_bytes');
    const open = valueOf(idle, 'sse_open_connections');

    await ask(clients, { type: 'reset' }, 'reset');
    const perTick = (RATE * TICK_MS) / 1000;
    const ticks = (SECONDS * 1000) / TICK_MS;
    const cpuBefore = cpuSeconds(routerPid);
    const loadBefore = loadavg()[0];
    const startedAt = Date.now();
    let published = 0;
    for (let tick = 0; tick < ticks; tick++) {
      const entries = [];
      for (let k = 0; k < perTick; k++, published++) {
        const jobId = `bench-job-${published % JOBS}`;
        entries.push({ stream: shards[shardForJob(jobId, shards.length)], event: { stage: 'token', progress: published % 100, job_id: jobId, token: 'lorem ipsum dolor' } });
      }
      await producer.addEach(entries);
      const due = startedAt + (tick + 1) * TICK_MS;
      if (due > Date.now()) await sleep(due - Date.now());
    }
    const publishSeconds = (Date.now() - startedAt) / 1000;
    const routerCpu = (cpuSeconds(routerPid) - cpuBefore) / publishSeconds;
    const perJob = CONNECTIONS / JOBS;
    const expected = Math.round(published * perJob);
    let report = await ask<{ received: number; seconds: number; p50: number; p99: number; max: number; closedEarly: number }>(clients, { type: 'report' }, 'report');
    for (let wait = 0; wait < 50 && report.received < expected; wait++) {
      await sleep(200);
      report = await ask(clients, { type: 'report' }, 'report');
    }
    // prom-client resets its event-loop delay histogram at each scrape: this one covers the publishing window.
    const loaded = await scrape(baseUrl);
    const slow = valueOf(loaded, 'sse_slow_client_disconnects_total') || 0;
    const loopP99 = valueOf(loaded, 'nodejs_eventloop_lag_p99_seconds');
    const loopMax = valueOf(loaded, 'nodejs_eventloop_lag_max_seconds');
    const routerP50 = routerQuantile(loaded, 0.5);
    const routerP99 = routerQuantile(loaded, 0.99);

    const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
    console.log(JSON.stringify({ connections: CONNECTIONS, jobs: JOBS, rate: RATE, seconds: SECONDS }));
    console.log(`connections: ${connected.ok} open (${connected.failed} failed) in ${connectSeconds.toFixed(1)} s; router reports ${open} open`);
    console.log(`router memory idle: RSS ${mib(rss0)} MiB -> ${mib(rss1)} MiB = ${((rss1 - rss0) / connected.ok / 1024).toFixed(1)} KiB per connection; JS heap ${mib(heap0)} -> ${mib(heap1)} MiB = ${((heap1 - heap0) / connected.ok / 1024).toFixed(1)} KiB per connection`);
    console.log(`published: ${published} events in ${publishSeconds.toFixed(1)} s (${(published / publishSeconds).toFixed(0)} events/s across ${JOBS} jobs)`);
    console.log(`delivered: ${report.received} of ${expected} expected (${((100 * report.received) / expected).toFixed(2)} %), ${(report.received / report.seconds).toFixed(0)} events/s to clients`);
    console.log(`latency XADD -> client receipt: p50 ${report.p50} ms, p99 ${report.p99} ms, max ${report.max} ms (router side, XADD -> socket write: p50 ${routerP50}, p99 ${routerP99})`);
    console.log(`slow-client disconnects: ${slow}; streams closed early: ${report.closedEarly}; router RSS under load: ${mib(rssBytes(routerPid))} MiB`);
    console.log(`router CPU while publishing: ${(100 * routerCpu).toFixed(0)} % of one core; event-loop delay p99 ${(loopP99 * 1000).toFixed(0)} ms, max ${(loopMax * 1000).toFixed(0)} ms; machine load average ${loadBefore.toFixed(1)} -> ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`);
  } finally {
    clients.send({ type: 'exit' });
    router.kill('SIGTERM');
    await new Promise((resolve) => router.once('exit', resolve));
    // KEYS answers for one node: on a cluster ask every master, and delete key by key (their slots differ).
    for (const node of isCluster(redis) ? redis.nodes('master') : [redis]) {
      const keys = await node.keys(`${prefix}:*`);
      for (const key of keys) await redis.del(key);
    }
    await redis.quit();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
