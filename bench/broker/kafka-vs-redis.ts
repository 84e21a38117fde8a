/**
 * End-to-end broker benchmark (issue 3): librdkafka (kcat, confluent-kafka-python) against the broker on
 * loopback, and the same records through Redis Streams on this machine.
 *
 *   npx nx build broker && npx tsx bench/broker/kafka-vs-redis.ts
 *   BENCH_RECORDS=500000 npx tsx bench/broker/kafka-vs-redis.ts      (smaller run)
 *   BROKER_LOG_FLUSH_INTERVAL_MS=1000 npx tsx bench/broker/kafka-vs-redis.ts   (periodic fsync instead of every batch)
 *   BENCH_BROKER=plain BENCH_ONLY=kafka node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/broker/kafka-vs-redis.ts
 *     (broker in this process, see plain-broker.ts, so the profile is the broker's)
 *
 * Figures: produce and consume records/s and MB/s (2,000,000 x 100-byte records, acks=1, batching),
 * p99 produce latency at a steady 10,000 records/s (10 s measured after 1 s at that rate: BENCH_LATENCY_SECONDS,
 * BENCH_LATENCY_WARMUP_SECONDS; the warm-up second's p99 is reported beside it) with acks=1, the target's setting,
 * and with acks=all, which waits for the fsync, Redis XADD (pipelined: redis-cli --pipe, and ioredis from
 * Node) / XREAD, and the ratios (against the faster redis-cli figure).
 * By default the broker is the built app (dist/apps/broker/main.js) in its own process; clients are child processes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, createWriteStream, openSync, readFileSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { freePort } from '@app/testing';
import { startPlainBroker } from './plain-broker';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 2_000_000);
const SIZE = 100;
const LATENCY_RATE = 10_000;
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 10);
const LATENCY_WARMUP_SECONDS = Number(process.env.BENCH_LATENCY_WARMUP_SECONDS ?? 1);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const MB = 1_000_000;

function record(i: number): string {
  const head = `r${i}-`;
  return head + 'x'.repeat(SIZE - head.length);
}

/**
 * Makes a fixture file durable before anything is measured. Left dirty, the kernel writes it back about
 * 30 s later, and on ext4 (data=ordered) the broker's next fdatasync then waits for that whole write-back:
 * measured here, 300 MB of someone else's dirty data stalled produce acknowledgements for 1 s.
 */
async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function writeInput(path: string): Promise<void> {
  const out = createWriteStream(path);
  const chunk: string[] = [];
  for (let i = 0; i < RECORDS; i++) {
    chunk.push(record(i));
    if (chunk.length === 10_000) {
      if (!out.write(chunk.join('\n') + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk.length = 0;
    }
  }
  if (chunk.length) out.write(chunk.join('\n') + '\n');
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  await syncFile(path);
}

function run(cmd: string, args: string[], opts: { stdinFile?: string; stdinText?: string; countLines?: boolean } = {}) {
  return new Promise<{ seconds: number; secondsFromFirstOutput: number; lines: number; stdout: string }>((resolve, reject) => {
    const started = process.hrtime.bigint();
    let firstOutput: bigint | undefined;
    // A file on stdin is handed to the child as a descriptor, so this process (the broker) does not copy it.
    const stdinFd = opts.stdinFile ? openSync(opts.stdinFile, 'r') : undefined;
    const child = spawn(cmd, args, { stdio: [stdinFd ?? 'pipe', 'pipe', 'pipe'] });
    if (stdinFd !== undefined) closeSync(stdinFd);
    let lines = 0;
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => {
      firstOutput ??= process.hrtime.bigint();
      if (opts.countLines) {
        for (let i = 0; i < d.length; i++) if (d[i] === 10) lines++;
      } else stdout += d.toString();
    });
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    child.on('error', reject);
    child.on('close', (code) => {
      const ended = process.hrtime.bigint();
      const seconds = Number(ended - started) / 1e9;
      const secondsFromFirstOutput = Number(ended - (firstOutput ?? started)) / 1e9;
      if (code === 0) resolve({ seconds, secondsFromFirstOutput, lines, stdout });
      else reject(new Error(`${cmd} exited ${code}: ${stderr}`));
    });
    if (stdinFd === undefined) child.stdin!.end(opts.stdinText ?? '');
  });
}

function rate(n: number, seconds: number, brokerCpuSeconds?: number) {
  return {
    recordsPerSecond: Math.round(n / seconds),
    mbPerSecond: Number(((n * SIZE) / MB / seconds).toFixed(1)),
    seconds: Number(seconds.toFixed(2)),
    // Load-independent: how many MB the broker moves per second of its own CPU (this machine is shared).
    ...(brokerCpuSeconds === undefined
      ? {}
      : { brokerCpuSeconds: Number(brokerCpuSeconds.toFixed(2)), mbPerBrokerCpuSecond: Number(((n * SIZE) / MB / brokerCpuSeconds).toFixed(1)) }),
  };
}


async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`broker exited with ${child.exitCode}`);
    const up = await new Promise<boolean>((resolve) => {
      const s = connect({ port, host: '127.0.0.1' }, () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('broker did not start listening');
}

/** CPU seconds (user + system, all threads) a process has used so far, from /proc (Linux clock ticks of 10 ms). */
function processCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface BrokerUnderTest {
  port: number;
  cpuSeconds: () => number;
  stop: () => Promise<void>;
}

/** The broker under test: the built app as a child process (default) or the plain classes in this process. */
async function startBroker(dataDir: string): Promise<BrokerUnderTest> {
  if (process.env.BENCH_BROKER === 'plain') {
    const broker = await startPlainBroker(dataDir);
    return { port: broker.port, cpuSeconds: () => processCpuSeconds(process.pid), stop: () => broker.stop() };
  }
  const [port, httpPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, [join(__dirname, '../../dist/apps/broker/main.js')], {
    env: { ...process.env, BROKER_PORT: String(port), BROKER_HTTP_PORT: String(httpPort), BROKER_DATA_DIR: dataDir, BROKER_ADVERTISED_HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForPort(port, child);
  return {
    port,
    cpuSeconds: () => processCpuSeconds(child.pid!),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function benchKafka(dir: string) {
  const broker = await startBroker(join(dir, 'data'));
  const bootstrap = `127.0.0.1:${broker.port}`;
  try {
    const input = join(dir, 'records.txt');
    await writeInput(input);

    const cpuBeforeProduce = broker.cpuSeconds();
    const produce = await run(
      'kcat',
      ['-P', '-b', bootstrap, '-t', 'bench', '-p', '0', '-X', 'acks=1', '-X', 'linger.ms=5', '-X', 'batch.num.messages=10000',
        '-X', 'batch.size=1000000', '-X', 'queue.buffering.max.messages=2000000', '-X', 'queue.buffering.max.kbytes=2097151'],
      { stdinFile: input },
    );
    const produceCpu = broker.cpuSeconds() - cpuBeforeProduce;

    const cpuBeforeConsume = broker.cpuSeconds();
    // -c: done at the last record. With -e alone kcat learns of the end only from one more Fetch that the broker
    // holds for fetch.wait.max.ms (500 ms, as Apache Kafka does), which is waiting, not consuming.
    // queued.min.messages: librdkafka stops fetching for a whole second once 100,000 records wait in its queue, which
    // a pause of 0.3 s in whoever reads kcat's output is enough for (measured: 0.68 s became 2.1-2.6 s); the
    // queue stays bounded by queued.max.messages.kbytes.
    const consume = await run(
      'kcat',
      ['-C', '-b', bootstrap, '-t', 'bench', '-p', '0', '-o', 'beginning', '-c', String(RECORDS), '-e', '-q', '-f', '%o\n',
        '-X', 'fetch.message.max.bytes=4194304', '-X', 'fetch.max.bytes=52428800', '-X', 'queued.max.messages.kbytes=1048576',
        '-X', 'queued.min.messages=10000000'],
      { countLines: true },
    );
    const consumeCpu = broker.cpuSeconds() - cpuBeforeConsume;
    if (consume.lines !== RECORDS) throw new Error(`consumed ${consume.lines} records, expected ${RECORDS}`);

    const latency = await steadyRateLatency(bootstrap, '1');
    const latencyAcksAll = await steadyRateLatency(bootstrap, 'all');
    return {
      produce: rate(RECORDS, produce.seconds, produceCpu),
      // From the first record kcat printed to its last, as the Redis XREAD loop is timed: librdkafka's legacy consumer
      // sometimes waits 500 ms between its Metadata answer and its ListOffsets request (seen with -d protocol), which
      // is client start-up. The wall time, start-up included, is beside it.
      consume: rate(RECORDS, consume.secondsFromFirstOutput, consumeCpu),
      consumeWallClock: rate(RECORDS, consume.seconds),
      latency,
      latencyAcksAll,
      loadAverage: os.loadavg().map((l) => Number(l.toFixed(2))),
    };
  } finally {
    await broker.stop();
  }
}

/** confluent-kafka producing at LATENCY_RATE to a topic of its own: produce()-to-delivery percentiles in ms. */
async function steadyRateLatency(bootstrap: string, acks: '1' | 'all') {
  const out = await run('/usr/bin/python3', [join(__dirname, 'librdkafka-bench.py')], {
    stdinText: JSON.stringify({
      cmd: 'latency',
      bootstrap,
      topic: `bench-latency-acks-${acks}`,
      acks,
      rate: LATENCY_RATE,
      seconds: LATENCY_SECONDS,
      warmup_seconds: LATENCY_WARMUP_SECONDS,
      size: SIZE,
    }),
  });
  return JSON.parse(out.stdout) as {
    acks: string;
    records: number;
    errors: number;
    achieved_rate: number;
    p50_ms: number;
    p99_ms: number;
    max_ms: number;
    warmup_seconds: number;
    warmup_records: number;
    warmup_p99_ms: number | null;
  };
}

/** RESP for `XADD key * d <record>` x RECORDS, the input of `redis-cli --pipe`. */
async function writeXaddCommands(path: string, key: string): Promise<void> {
  const out = createWriteStream(path);
  const head = `*5\r\n$4\r\nXADD\r\n$${key.length}\r\n${key}\r\n$1\r\n*\r\n$1\r\nd\r\n$${SIZE}\r\n`;
  let chunk = '';
  for (let i = 0; i < RECORDS; i++) {
    chunk += `${head}${record(i)}\r\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  await syncFile(path);
}

/**
 * Redis Streams with the same records: XADD pipelined two ways (redis-cli --pipe, the fastest bulk path, and
 * ioredis pipelines of 10,000 from Node), then XREAD COUNT 10000 from the start.
 */
async function benchRedis(dir: string) {
  const redis = new Redis(REDIS_URL, { lazyConnect: true });
  await redis.connect();
  const key = `bench:broker:${randomBytes(6).toString('hex')}`;
  const nodeKey = `${key}:ioredis`;
  try {
    const batch = 10_000;
    const commands = join(dir, 'xadd.resp');
    await writeXaddCommands(commands, key);
    const pipe = await run('redis-cli', ['-u', REDIS_URL, '--pipe'], { stdinFile: commands });
    const produceSeconds = pipe.seconds;
    let started = process.hrtime.bigint();
    for (let i = 0; i < RECORDS; i += batch) {
      const p = redis.pipeline();
      // Raw XADD on purpose: opaque records of SIZE bytes in field `d`, byte for byte what Kafka and redis-cli --pipe
      // get; not entries any consumer decodes, so not RedisStreamsClient (whose JSON `data` would change the bytes).
      for (let j = i; j < Math.min(RECORDS, i + batch); j++) p.xadd(nodeKey, '*', 'd', record(j));
      await p.exec();
    }
    const ioredisSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const stored = await redis.xlen(key);
    if (stored !== RECORDS) throw new Error(`stream holds ${stored} entries after redis-cli --pipe, expected ${RECORDS}`);
    started = process.hrtime.bigint();
    let last = '0-0';
    let read = 0;
    for (;;) {
      const res = (await redis.xread('COUNT', batch, 'STREAMS', key, last)) as Array<[string, Array<[string, string[]]>]> | null;
      if (!res || res[0][1].length === 0) break;
      const entries = res[0][1];
      read += entries.length;
      last = entries[entries.length - 1][0];
      if (read >= RECORDS) break;
    }
    const consumeSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (read !== RECORDS) throw new Error(`read ${read} stream entries, expected ${RECORDS}`);
    return { produce: rate(RECORDS, produceSeconds), produceFromNodeIoredis: rate(RECORDS, ioredisSeconds), consume: rate(RECORDS, consumeSeconds) };
  } finally {
    await redis.del(key, nodeKey);
    redis.disconnect();
  }
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'bench-broker-'));
  try {
    const kafka = await benchKafka(dir);
    if (process.env.BENCH_ONLY === 'kafka') {
      process.stdout.write(`${JSON.stringify({ records: RECORDS, recordBytes: SIZE, broker: kafka }, null, 2)}\n`);
      return;
    }
    const redis = await benchRedis(dir);
    const result = {
      records: RECORDS,
      recordBytes: SIZE,
      broker: kafka,
      redisStreams: redis,
      ratio: {
        produce: Number((kafka.produce.recordsPerSecond / redis.produce.recordsPerSecond).toFixed(2)),
        consume: Number((kafka.consume.recordsPerSecond / redis.consume.recordsPerSecond).toFixed(2)),
      },
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

void main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
