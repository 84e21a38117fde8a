/**
 * Broker memory per 10,000 groups: each group has one stable member (joined and synced) and one committed offset.
 * Heap after a full GC in the broker process, before and after.
 *
 *   npx tsx bench/coordinator/memory-per-groups.ts
 *   BENCH_GROUPS=50000 BENCH_MEMBERS=3 npx tsx bench/coordinator/memory-per-groups.ts
 */
import { ApiKey, type OffsetCommitResponse } from '@app/kafka-protocol';
import { startBrokerProcess } from './broker-process';
import { BENCH_TOPIC, fmt, formGroup } from './group-setup';
import { LoadClient } from './load-client';

const GROUPS = Number(process.env.BENCH_GROUPS ?? 10_000);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1);
const CONNECTIONS = 32;
const CONCURRENCY = 500;

async function main(): Promise<void> {
  const broker = await startBrokerProcess({ BROKER_GROUP_INITIAL_REBALANCE_DELAY_MS: MEMBERS > 1 ? '1000' : '0' });
  const clients = await Promise.all(Array.from({ length: CONNECTIONS }, () => LoadClient.connect(broker.port)));
  try {
    const before = await broker.memory();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < GROUPS) {
          const g = next++;
          const [m] = await formGroup(clients, `mem-${g}`, MEMBERS, g);
          const res = await m.client.send<OffsetCommitResponse>(ApiKey.OffsetCommit, 7, {
            groupId: m.groupId,
            generationIdOrMemberEpoch: m.generationId,
            memberId: m.memberId,
            groupInstanceId: null,
            topics: [{ name: BENCH_TOPIC, partitions: [{ partitionIndex: 0, committedOffset: 42n, committedLeaderEpoch: -1, committedMetadata: '' }] }],
          });
          if (res.topics[0].partitions[0].errorCode !== 0) throw new Error(`commit failed for ${m.groupId}`);
        }
      }),
    );
    const after = await broker.memory();
    const per10k = (bytes: number) => ((bytes / after.groups) * 10_000) / 1024 / 1024;
    console.log(
      `memory: ${fmt(after.groups)} groups, ${fmt(after.members)} members: heap +${fmt((after.heapUsed - before.heapUsed) / 1024)} KiB, rss +${fmt((after.rss - before.rss) / 1024)} KiB`,
    );
    console.log(
      `  per 10,000 groups (${MEMBERS} member(s) + 1 offset each, group log state included): heap ${per10k(after.heapUsed - before.heapUsed).toFixed(1)} MiB, rss ${per10k(after.rss - before.rss).toFixed(1)} MiB`,
    );
    console.log('  FluxMQ publishes no memory figure.');
  } finally {
    for (const c of clients) c.close();
    await broker.stop();
  }
}

void main();
