/**
 * Offset commits/s (one partition per OffsetCommit v7, as consumers commit, fsynced group log) from members of
 * stable groups over many connections.
 *
 *   npx tsx bench/coordinator/offset-commits.ts
 *   BENCH_PARTITIONS_PER_COMMIT=10 npx tsx bench/coordinator/offset-commits.ts     (batched commits: partitions/s)
 *   BROKER_GROUP_LOG_FSYNC=false npx tsx bench/coordinator/offset-commits.ts      (no fsync, for comparison)
 *
 * Bar: FluxMQ (Rust) publishes 50,000 offset commits/s.
 */
import { ApiKey, type OffsetCommitResponse } from '@app/kafka-protocol';
import { cpuDuring, startBrokerProcess } from './broker-process';
import { BENCH_TOPIC, fmt, formGroup, type BenchMember } from './group-setup';
import { LoadClient, sustain } from './load-client';

const GROUPS = Number(process.env.BENCH_GROUPS ?? 500);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 2_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const PER_COMMIT = Number(process.env.BENCH_PARTITIONS_PER_COMMIT ?? 1);

async function main(): Promise<void> {
  const broker = await startBrokerProcess({ BROKER_GROUP_INITIAL_REBALANCE_DELAY_MS: '1000', BROKER_GROUP_LOG_FSYNC: process.env.BROKER_GROUP_LOG_FSYNC ?? 'true' });
  const clients = await Promise.all(Array.from({ length: CONNECTIONS }, () => LoadClient.connect(broker.port)));
  try {
    const members: BenchMember[] = (await Promise.all(Array.from({ length: GROUPS }, (_, g) => formGroup(clients, `oc-${g}`, MEMBERS, g)))).flat();
    let errors = 0;
    const errorCodes = new Map<number, number>();
    const countError = (code: number) => {
      errors++;
      errorCodes.set(code, (errorCodes.get(code) ?? 0) + 1);
    };
    const cpu = await cpuDuring(broker, () => sustain(SECONDS, WINDOW, async (i) => {
      const m = members[i % members.length];
      const res = await m.client.send<OffsetCommitResponse>(ApiKey.OffsetCommit, 7, {
        groupId: m.groupId,
        generationIdOrMemberEpoch: m.generationId,
        memberId: m.memberId,
        groupInstanceId: null,
        topics: [
          {
            name: BENCH_TOPIC,
            partitions: Array.from({ length: PER_COMMIT }, (_, p) => ({ partitionIndex: p, committedOffset: BigInt(i), committedLeaderEpoch: -1, committedMetadata: '' })),
          },
        ],
      });
      for (const p of res.topics[0].partitions) if (p.errorCode !== 0) countError(p.errorCode);
    }));
    const { rate, done } = cpu.result;
    const fsync = (process.env.BROKER_GROUP_LOG_FSYNC ?? 'true') === 'true';
    console.log(
      `offset commits: ${fmt(rate)} requests/s = ${fmt(rate * PER_COMMIT)} partition offsets/s (${fmt(done)} requests in ${SECONDS} s, ${errors} errors${errors ? ` ${JSON.stringify(Object.fromEntries(errorCodes))}` : ''}, fsync ${fsync ? 'on' : 'off'}) — ${GROUPS} groups x ${MEMBERS} members, ${CONNECTIONS} connections, ${WINDOW} in flight, ${PER_COMMIT} partition(s) per commit`,
    );
    console.log(`  CPU: broker ${cpu.broker.toFixed(0)} % of a core, load client ${cpu.client.toFixed(0)} % (2 cores shared with everything else on the machine)`);
    console.log(`  per broker CPU-second: ${fmt((rate * PER_COMMIT) / (cpu.broker / 100))} (what one dedicated core would sustain at this cost)`);
    console.log(`  FluxMQ bar: 50,000 commits/s -> ${((rate * PER_COMMIT) / 50_000).toFixed(2)}x (partition offsets)`);
  } finally {
    for (const c of clients) c.close();
    await broker.stop();
  }
}

void main();
