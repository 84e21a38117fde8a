/**
 * Time from the last JoinGroup of a rebalance to every member having its SyncGroup answer, for groups of 100 and
 * 1,000 members (every member rejoins with changed metadata, as in an eager rebalance).
 *
 *   npx tsx bench/coordinator/rebalance-latency.ts
 *   BENCH_SIZES=100,1000,5000 BENCH_ROUNDS=5 npx tsx bench/coordinator/rebalance-latency.ts
 */
import type { JoinGroupResponse } from '@app/kafka-protocol';
import { startBrokerProcess } from './broker-process';
import { formGroup, join, median, subscription, syncAll } from './group-setup';
import { LoadClient } from './load-client';

const SIZES = (process.env.BENCH_SIZES ?? '100,1000').split(',').map(Number);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** The server reads at most 128 requests ahead per connection; a rebalance holds one JoinGroup per member. */
const MEMBERS_PER_CONNECTION = 50;


async function main(): Promise<void> {
  // Kafka's default initial delay, so that each group forms in one generation before the measured rounds.
  const broker = await startBrokerProcess({ BROKER_GROUP_INITIAL_REBALANCE_DELAY_MS: '3000' });
  try {
    for (const size of SIZES) {
      const clients = await Promise.all(Array.from({ length: Math.ceil(size / MEMBERS_PER_CONNECTION) + 1 }, () => LoadClient.connect(broker.port)));
      const groupId = `latency-${size}`;
      const members = await formGroup(clients, groupId, size);
      const toSync: number[] = [];
      const toJoined: number[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        const metadata = subscription(`round-${round}`);
        const joins: Promise<{ client: LoadClient; res: JoinGroupResponse }>[] = members.map((m) => join(m.client, groupId, m.memberId, metadata).then((res) => ({ client: m.client, res })));
        const lastJoinSent = performance.now();
        const joined = await Promise.all(joins);
        const allJoined = performance.now();
        if (joined.some((j) => j.res.errorCode !== 0)) throw new Error(`join errors: ${[...new Set(joined.map((j) => j.res.errorCode))]}`);
        const synced = await syncAll(joined, groupId);
        const allSynced = performance.now();
        if (synced.some((s) => s.errorCode !== 0)) throw new Error(`sync errors: ${[...new Set(synced.map((s) => s.errorCode))]}`);
        toJoined.push(allJoined - lastJoinSent);
        toSync.push(allSynced - lastJoinSent);
      }
      console.log(
        `rebalance of ${size} members: last join -> every member synced ${median(toSync).toFixed(1)} ms median of ${ROUNDS} (min ${Math.min(...toSync).toFixed(1)}, max ${Math.max(...toSync).toFixed(1)}); last join -> all JoinGroup answers ${median(toJoined).toFixed(1)} ms`,
      );
      for (const c of clients) c.close();
    }
    console.log('  FluxMQ publishes no figure for this; its bar is 1,000 rebalancing groups/s (see join-sync-cycles.ts).');
  } finally {
    await broker.stop();
  }
}

void main();
