/**
 * pipeline-trigger counting benchmark: 1,000,000 events produced to a topic on our broker (the built
 * `dist/apps/broker/main.js`), then one engine (the service's EngineModule wiring, in this process)
 * counts them from the earliest offset. Prints the counting rate (first event counted → every event
 * counted and every expected trigger enqueued) and the trigger latency from the window closing in
 * Redis to the BullMQ job being added (the job's own timestamp), p50/p99/max.
 *
 *   npx nx build broker && npx tsx bench/pipeline-trigger/count-throughput.ts
 *
 * Knobs (env): BENCH_EVENTS (1000000), BENCH_PARTITIONS (4), BENCH_MAX_EVENT (1000), BENCH_BATCH_SIZE
 * (5000, the consumer's batch_size), REDIS_URL. Queue prefix, stream and group are unique per run and
 * removed at the end. Targets: >= 50,000 events/s counted, trigger latency p99 < 100 ms.
 *
 * BENCH_SENTINEL=1 runs the engine on a Sentinel pair of its own (master, replica, three Sentinels on
 * free ports, `RedisSentinelSet`) instead of REDIS_URL, with REDIS_WAIT_REPLICAS (unset: 1 there, as in
 * the service) and REDIS_WAIT_TIMEOUT_MS as the service reads them; REDIS_WAIT_REPLICAS=0 turns WAIT off.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { PIPELINES_QUEUE } from '@app/domain';
import { createRootLogger, KafkaModule, loadConfig, RedisModule, type RedisTopology } from '@app/platform';
import { freePort, RedisSentinelSet } from '@app/testing';
import { Registry } from 'prom-client';
import { consumerConfigSchema } from '../../apps/pipeline-trigger/src/config-model/consumer-config';
import { ConsumerSupervisor } from '../../apps/pipeline-trigger/src/engine/consumer-supervisor';
import { engineEnv } from '../../apps/pipeline-trigger/src/engine/engine-env';
import { EngineModule } from '../../apps/pipeline-trigger/src/engine/engine.module';
import { replicaWaitSettings } from '../../apps/pipeline-trigger/src/engine/replica-wait-settings';

const ROOT = path.resolve(__dirname, '../..');
const EVENTS = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 4);
const MAX_EVENT = Number(process.env.BENCH_MAX_EVENT ?? 1000);
const BATCH_SIZE = Number(process.env.BENCH_BATCH_SIZE ?? 5000);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SENTINEL = process.env.BENCH_SENTINEL === '1';
const run = `bench-pt-${Date.now().toString(36)}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-pt-broker-'));
  const port = await freePort();
  const broker = spawn(process.execPath, [path.join(ROOT, 'dist/apps/broker/main.js')], {
    env: { PATH: process.env.PATH ?? '', BROKER_PORT: String(port), BROKER_HTTP_PORT: String(await freePort()), BROKER_DATA_DIR: dataDir, BROKER_ADVERTISED_HOST: '127.0.0.1', BROKER_GROUP_INITIAL_REBALANCE_DELAY_MS: '0', LOG_LEVEL: 'warn', REDIS_URL },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const bootstrap = `127.0.0.1:${port}`;
  const kafka = new Kafka({ clientId: 'bench', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  for (let i = 0; ; i++) {
    try {
      await admin.connect();
      await admin.describeCluster();
      break;
    } catch (error) {
      if (i > 100) throw error;
      await sleep(100);
    }
  }
  const topic = `${run}-events`;
  await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });

  const producer = kafka.producer();
  await producer.connect();
  const produceStart = performance.now();
  for (let sent = 0; sent < EVENTS; ) {
    const n = Math.min(10_000, EVENTS - sent);
    const messages = Array.from({ length: n }, (_, i) => ({ key: String((sent + i) % 1024), value: `{"order":${sent + i}}` }));
    await producer.send({ topic, acks: 1, messages });
    sent += n;
  }
  const produceSeconds = (performance.now() - produceStart) / 1000;
  await producer.disconnect();

  const prefix = `{${run}}`;
  const stream = `${run}:pipeline:triggers`;
  const logger = createRootLogger('pipeline-trigger', 'warn');
  const sentinelSet = SENTINEL ? await RedisSentinelSet.start() : undefined;
  const topology: RedisTopology = sentinelSet
    ? { kind: 'sentinel', sentinels: sentinelSet.sentinelPorts.map((p) => ({ host: '127.0.0.1', port: p })), name: sentinelSet.name, sentinelPassword: undefined, url: 'redis://127.0.0.1:6379' }
    : { kind: 'single', url: REDIS_URL };
  const waitEnv = loadConfig({ REDIS_WAIT_REPLICAS: engineEnv.REDIS_WAIT_REPLICAS, REDIS_WAIT_TIMEOUT_MS: engineEnv.REDIS_WAIT_TIMEOUT_MS }, process.env);
  const config = {
    ...waitEnv,
    KAFKA_BROKERS: [bootstrap],
    KAFKA_CLIENT_ID: 'bench-pipeline-trigger',
    PIPELINE_BASE_GROUP_ID: run,
    PIPELINE_TIMER_INTERVAL_MS: 500,
    PIPELINE_TIMER_LEASE_TTL_MS: 5_000,
    PIPELINE_OUTBOX_RESEND_AFTER_MS: 5_000,
    PIPELINE_QUEUE_PREFIX: prefix,
    PIPELINE_JOB_RETENTION_SECONDS: 3600,
    PIPELINE_TRIGGERS_STREAM: stream,
    PIPELINE_TRIGGERS_MAXLEN: 100_000,
    PIPELINE_KAFKA_SESSION_TIMEOUT_MS: 30_000,
    PIPELINE_GROUP_DELETE_WAIT_MS: 1_000,
  };
  const replicaWait = replicaWaitSettings(config, topology.kind);
  // The engine's wiring without the HTTP side (tsx compiles without decorator metadata, which Nest's
  // type-based injection in the platform's controllers needs; the engine injects by explicit tokens).
  @Global()
  @Module({ providers: [{ provide: Registry, useValue: new Registry() }], exports: [Registry] })
  class MetricsModule {}
  @Module({
    imports: [
      MetricsModule,
      RedisModule.forRoot({ topology, connectionName: 'bench-pipeline-trigger', logger }),
      KafkaModule.forRoot({ brokers: [bootstrap], clientId: 'bench-pipeline-trigger', logger }),
      EngineModule.forRoot({ config, logger, replicaWait }),
    ],
  })
  class BenchModule {}
  const app = await NestFactory.createApplicationContext(BenchModule, { logger: false });
  await app.init();
  const supervisor = app.get(ConsumerSupervisor);
  const consumer = consumerConfigSchema.parse({
    consumer_id: run,
    kafka_topic: topic,
    pipeline_name: 'bench',
    connection_id: 'bench',
    max_event: MAX_EVENT,
    max_time: 3600,
    auto_offset_reset: 'earliest',
    batch_size: BATCH_SIZE,
  });

  const redis = sentinelSet ? new Redis({ host: '127.0.0.1', port: sentinelSet.masterPort }) : new Redis(REDIS_URL);
  const queue = new Queue(PIPELINES_QUEUE, { connection: redis, prefix });
  const expectedTriggers = Math.floor(EVENTS / MAX_EVENT);
  const countKey = `consumer:${run}:events`;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await supervisor.start(consumer);
  let firstCountedAt: number | undefined;
  for (;;) {
    const [waiting, count] = await Promise.all([queue.getWaitingCount(), redis.get(countKey)]);
    if (firstCountedAt === undefined && (waiting > 0 || Number(count ?? 0) > 0)) firstCountedAt = performance.now();
    if (waiting >= expectedTriggers && Number(count ?? 0) === EVENTS % MAX_EVENT) break;
    if (performance.now() - start > 600_000) throw new Error(`gave up: ${waiting} triggers, count ${count}`);
    await sleep(20);
  }
  const end = performance.now();
  const cpu = process.cpuUsage(cpuStart);

  const jobs = await queue.getWaiting(0, -1);
  const latencies = jobs.map((job) => job.timestamp - Date.parse(job.data.window_ended_at)).sort((a, b) => a - b);
  const countSeconds = (end - (firstCountedAt ?? start)) / 1000;
  const load = loadavg().map((l) => l.toFixed(2)).join(' ');

  console.log(`pipeline-trigger counting benchmark (${availableParallelism()} cores, load average ${load})`);
  console.log(`  redis                  ${topology.kind}, WAIT ${replicaWait.replicas === 0 ? 'off' : `${replicaWait.replicas} replica(s), timeout ${replicaWait.timeoutMs} ms`}`);
  console.log(`  events                 ${EVENTS.toLocaleString('en')} on ${PARTITIONS} partitions, max_event ${MAX_EVENT}, batch_size ${BATCH_SIZE}`);
  console.log(`  produced               ${(EVENTS / produceSeconds).toFixed(0)} events/s (${produceSeconds.toFixed(1)} s, acks=1)`);
  console.log(`  counted                ${(EVENTS / countSeconds).toFixed(0)} events/s (${countSeconds.toFixed(2)} s from the first count to the last trigger; ${((end - start) / 1000).toFixed(2)} s incl. group join)  target >= 50000`);
  console.log(`  triggers               ${jobs.length} jobs (expected ${expectedTriggers}), distinct ids ${new Set(jobs.map((j) => j.id)).size}`);
  console.log(`  trigger latency        p50 ${quantile(latencies, 0.5)} ms, p99 ${quantile(latencies, 0.99)} ms, max ${latencies[latencies.length - 1]} ms  target p99 < 100 ms`);
  console.log(`  engine process CPU     ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);

  await supervisor.remove(run);
  await app.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await redis.del(stream);
  await redis.quit();
  await sentinelSet?.stop();
  await admin.disconnect();
  broker.kill('SIGTERM');
  await new Promise((resolve) => broker.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
