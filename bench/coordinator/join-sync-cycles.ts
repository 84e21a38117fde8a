/**
 * Join+sync cycles/s: many one-member groups, each cycle a JoinGroup (the member rejoins with new metadata, which
 * starts a rebalance and completes it) followed by its SyncGroup. Also reports rebalances/s completed.
 *
 *   npx tsx bench/coordinator/join-sync-cycles.ts
 *   BENCH_GROUPS=2000 BENCH_CONNECTIONS=64 npx tsx bench/coordinator/join-sync-cycles.ts
 *
 * Bars: FluxMQ (Rust) publishes 10,000 group joins/s and 1,000 rebalancing groups/s.
 */
import type { SyncGroupResponse } from '@app/kafka-protocol';
import { cpuDuring, startBrokerProcess } from './broker-process';
import { fmt, join, subscription, syncAll } from './group-setup';
import { LoadClient } from './load-client';

const GROUPS = Number(process.env.BENCH_GROUPS ?? 1_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

async function main(): Promise<void> {
  const broker = await startBrokerProcess();
  const clients = await Promise.all(Array.from({ length: CONNECTIONS }, () => LoadClient.connect(broker.port)));
  try {
    const members = Array.from({ length: GROUPS }, (_, g) => ({ groupId: `js-${g}`, memberId: '', client: clients[g % clients.length], round: 0 }));
    let errors = 0;
    const errorCodes = new Map<number, number>();
    const countError = (code: number) => {
      errors++;
      errorCodes.set(code, (errorCodes.get(code) ?? 0) + 1);
    };
    // One cycle in flight per group: a member cannot rejoin before its previous SyncGroup is answered.
    const until = performance.now() + SECONDS * 1000;
    const start = performance.now();
    let done = 0;
    const cpu = await cpuDuring(broker, () => Promise.all(
      members.map(async (m) => {
        while (performance.now() < until) {
          const res = await join(m.client, m.groupId, m.memberId, subscription(String(m.round++)));
          if (res.errorCode !== 0) {
            countError(res.errorCode);
            continue;
          }
          m.memberId = res.memberId;
          const [synced]: SyncGroupResponse[] = await syncAll([{ client: m.client, res }], m.groupId);
          if (synced.errorCode !== 0) countError(synced.errorCode);
          else done++;
        }
      }),
    ));
    const rate = done / ((performance.now() - start) / 1000);
    console.log(`join+sync cycles: ${fmt(rate)}/s (${fmt(done)} in ${SECONDS} s, ${errors} errors${errors ? ` ${JSON.stringify(Object.fromEntries(errorCodes))}` : ''}) — ${GROUPS} one-member groups rebalancing concurrently, ${CONNECTIONS} connections`);
    console.log(`  every cycle is one completed rebalance of one group: ${fmt(rate)} rebalancing groups/s`);
    console.log(`  CPU: broker ${cpu.broker.toFixed(0)} % of a core, load client ${cpu.client.toFixed(0)} %; per broker CPU-second: ${fmt(rate / (cpu.broker / 100))} cycles`);
    console.log(`  FluxMQ bars: 10,000 joins/s -> ${(rate / 10_000).toFixed(2)}x; 1,000 rebalancing groups/s -> ${(rate / 1_000).toFixed(2)}x`);
  } finally {
    for (const c of clients) c.close();
    await broker.stop();
  }
}

void main();
