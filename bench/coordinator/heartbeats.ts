/**
 * Heartbeats/s against stable groups, over many connections.
 *
 *   npx tsx bench/coordinator/heartbeats.ts
 *   BENCH_GROUPS=1000 BENCH_MEMBERS=10 BENCH_CONNECTIONS=64 BENCH_WINDOW=2000 BENCH_SECONDS=10 npx tsx bench/coordinator/heartbeats.ts
 *
 * Bar: FluxMQ (Rust) publishes 100,000 heartbeats/s.
 */
import { ApiKey, type HeartbeatResponse } from '@app/kafka-protocol';
import { cpuDuring, startBrokerProcess } from './broker-process';
import { fmt, formGroup, type BenchMember } from './group-setup';
import { LoadClient, sustain } from './load-client';

const GROUPS = Number(process.env.BENCH_GROUPS ?? 500);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 2_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

async function main(): Promise<void> {
  const broker = await startBrokerProcess({ BROKER_GROUP_INITIAL_REBALANCE_DELAY_MS: '1000' });
  const clients = await Promise.all(Array.from({ length: CONNECTIONS }, () => LoadClient.connect(broker.port)));
  try {
    const members: BenchMember[] = (await Promise.all(Array.from({ length: GROUPS }, (_, g) => formGroup(clients, `hb-${g}`, MEMBERS, g)))).flat();
    let errors = 0;
    const errorCodes = new Map<number, number>();
    const countError = (code: number) => {
      errors++;
      errorCodes.set(code, (errorCodes.get(code) ?? 0) + 1);
    };
    const cpu = await cpuDuring(broker, () => sustain(SECONDS, WINDOW, async (i) => {
      const m = members[i % members.length];
      const res = await m.client.send<HeartbeatResponse>(ApiKey.Heartbeat, 3, { groupId: m.groupId, generationId: m.generationId, memberId: m.memberId, groupInstanceId: null });
      if (res.errorCode !== 0) countError(res.errorCode);
    }));
    const { rate, done } = cpu.result;
    console.log(`heartbeats: ${fmt(rate)}/s (${fmt(done)} in ${SECONDS} s, ${errors} errors${errors ? ` ${JSON.stringify(Object.fromEntries(errorCodes))}` : ''}) — ${GROUPS} groups x ${MEMBERS} members, ${CONNECTIONS} connections, ${WINDOW} in flight`);
    console.log(`  CPU: broker ${cpu.broker.toFixed(0)} % of a core, load client ${cpu.client.toFixed(0)} % (2 cores shared with everything else on the machine)`);
    console.log(`  per broker CPU-second: ${fmt(rate / (cpu.broker / 100))} (what one dedicated core would sustain at this cost)`);
    console.log(`  FluxMQ bar: 100,000/s -> ${(rate / 100_000).toFixed(2)}x`);
  } finally {
    for (const c of clients) c.close();
    await broker.stop();
  }
}

void main();
