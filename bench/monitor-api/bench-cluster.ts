import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { ApiKey, type OffsetCommitResponse } from '@app/kafka-protocol';
import { Kafka, logLevel } from 'kafkajs';
import { LoadClient } from '../coordinator/load-client';

export const GROUPS = Number(process.env.BENCH_GROUPS ?? 1000);
export const TOPICS = Number(process.env.BENCH_TOPICS ?? 20);
export const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 50);
const RECORDS_PER_PARTITION = 20;
const ROOT = resolve(__dirname, '../..');

export interface BenchCluster {
  bootstrap: string;
  stop(): Promise<void>;
}

/** A child process running a built app, its stdout (the JSON log) not read. */
/** `nodeArgs`: flags for node itself, e.g. `--cpu-prof` (which NODE_OPTIONS refuses). */
export function spawnApp(app: string, env: Record<string, string>, nodeArgs: string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist/apps', app, 'main.js')], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** A child process running a built app, resolved once `ready` matches one of its JSON log lines. */
export function startApp(app: string, env: Record<string, string>, ready: (line: Record<string, unknown>) => boolean): Promise<{ child: ChildProcess; line: Record<string, unknown> }> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps', app, 'main.js')], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolvePromise, reject) => {
    child.once('exit', (code) => reject(new Error(`${app} exited with ${code} before it was ready`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (text) => {
      try {
        const line = JSON.parse(text) as Record<string, unknown>;
        if (ready(line)) resolvePromise({ child, line });
      } catch {
        // not a log line
      }
    });
  });
}

export async function stopChild(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/**
 * Our broker (dist/apps/broker, `npx nx build broker` first) holding GROUPS groups over TOPICS topics of
 * PARTITIONS partitions: each partition has RECORDS_PER_PARTITION records, each group has committed an offset
 * on every partition of one topic (group i reads topic i mod TOPICS), so every group has lag to compute.
 */
export async function startBenchCluster(): Promise<BenchCluster> {
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-monitor-'));
  const { child, line } = await startApp(
    'broker',
    { BROKER_PORT: '0', BROKER_HTTP_PORT: '0', BROKER_DATA_DIR: dataDir, BROKER_ADVERTISED_HOST: '127.0.0.1', BROKER_GROUP_LOG_FSYNC: 'false', BROKER_MAX_PARTITIONS_PER_TOPIC: String(Math.max(PARTITIONS, 100)), LOG_LEVEL: 'info' },
    (l) => l.msg === 'kafka listener started',
  );
  const bootstrap = `127.0.0.1:${line.port as number}`;
  const kafka = new Kafka({ brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const topics = Array.from({ length: TOPICS }, (_, t) => `bench-topic-${t}`);
  await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: PARTITIONS })), waitForLeaders: true });
  const producer = kafka.producer();
  await producer.connect();
  for (const topic of topics) {
    await producer.send({ topic, messages: Array.from({ length: PARTITIONS * RECORDS_PER_PARTITION }, (_, i) => ({ partition: i % PARTITIONS, value: 'x' })) });
  }
  await producer.disconnect();
  // Offsets committed as an admin tool does (generation -1, no member): kafkajs's setOffsets would join each
  // group with a whole consumer first.
  const started = Date.now();
  const client = await LoadClient.connect(Number(bootstrap.split(':')[1]));
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < GROUPS) {
        const g = next++;
        const res = await client.send<OffsetCommitResponse>(ApiKey.OffsetCommit, 7, {
          groupId: `bench-group-${g}`,
          generationIdOrMemberEpoch: -1,
          memberId: '',
          groupInstanceId: null,
          topics: [
            {
              name: topics[g % TOPICS],
              partitions: Array.from({ length: PARTITIONS }, (_, p) => ({ partitionIndex: p, committedOffset: BigInt((g + p) % (RECORDS_PER_PARTITION + 1)), committedLeaderEpoch: -1, committedMetadata: '' })),
            },
          ],
        });
        const failed = res.topics[0].partitions.find((p) => p.errorCode !== 0);
        if (failed) throw new Error(`OffsetCommit for bench-group-${g} failed with error ${failed.errorCode}`);
      }
    }),
  );
  client.close();
  await admin.disconnect();
  process.stdout.write(`seeded ${GROUPS} groups over ${TOPICS} topics x ${PARTITIONS} partitions in ${Date.now() - started} ms\n`);
  return {
    bootstrap,
    stop: async () => {
      await stopChild(child);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Linux USER_HZ: the clock ticks of /proc/<pid>/stat. */
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) process `pid` has used so far, from /proc. */
export function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** A `/proc/<pid>/status` memory field (VmRSS, VmHWM ...) in MiB. */
export function memoryMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`)) ?? `${field}: 0 kB`;
  return Number(line.split(/\s+/)[1]) / 1024;
}
