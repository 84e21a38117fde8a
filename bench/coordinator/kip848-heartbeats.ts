/**
 * KIP-848 consumer groups (ConsumerGroupHeartbeat v1, server-side assignment) beside the classic protocol, for one
 * group of 100 and of 1,000 members on a topic of 1,000 partitions. Every figure comes from a process of its own
 * (this script again) with a broker process of its own, so that none depends on what was measured before it:
 *
 *   (a) steady-state ConsumerGroupHeartbeat requests/s: every member at its current epoch, sending what it owns
 *       ("full", as @platformatic/kafka does on every beat: subscription, rebalance timeout and owned partitions) or
 *       only its epoch ("partial", as the Java consumer does once nothing changed). Beside it, classic Heartbeat v3/s
 *       on a classic group of the same size, measured as heartbeats.ts does (same connections, same window).
 *   (b) last join -> stable: from the last epoch-0 ConsumerGroupHeartbeat until every member has acknowledged its
 *       full target assignment at the target epoch and ConsumerGroupDescribe shows the group Stable (group epoch =
 *       assignment epoch = every member's epoch). Members follow the protocol: they answer each heartbeat at once
 *       with the next one (no heartbeat interval, so the figure is the broker's and the round trips', not the
 *       clients' timers), owning exactly the assignment the broker last sent them (revoked partitions dropped, new
 *       ones taken). Two cases: "cold", all members join an empty group at once; "one joins", one member joins a
 *       stable group of the others (it left with epoch -1 before, and the group settled). Beside it, the classic
 *       rebalance of rebalance-latency.ts: every member rejoins, last JoinGroup -> every SyncGroup answered.
 *
 *   npx tsx bench/coordinator/kip848-heartbeats.ts
 *   BENCH_SIZES=100,1000 BENCH_PARTITIONS=1000 BENCH_ROUNDS=5 BENCH_SECONDS=10 BENCH_CONNECTIONS=64 BENCH_WINDOW=2000 \
 *     BENCH_ASSIGNOR=range npx tsx bench/coordinator/kip848-heartbeats.ts
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import {
  ApiKey,
  ErrorCode,
  type ConsumerGroupDescribeResponse,
  type ConsumerGroupHeartbeatRequest,
  type ConsumerGroupHeartbeatResponse,
  type HeartbeatResponse,
  type JoinGroupResponse,
} from '@app/kafka-protocol';
import { consumerGroupHeartbeatRequest } from '@app/testing';
import { cpuDuring, startBrokerProcess, type BrokerProcess } from './broker-process';
import { BENCH_TOPIC, fmt, formGroup, join, median, subscription, syncAll } from './group-setup';
import { LoadClient, sustain } from './load-client';

const SIZES = (process.env.BENCH_SIZES ?? '100,1000').split(',').map(Number);
const PARTITIONS = Number(process.env.BENCH_PARTITIONS ?? 1_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);
const WINDOW = Number(process.env.BENCH_WINDOW ?? 2_000);
/** Server-side assignor asked for in the joins; unset, the broker's default (uniform). */
const ASSIGNOR = process.env.BENCH_ASSIGNOR ?? null;
/** A convergence that takes longer than this is reported as a failure, with what the members last saw. */
const CONVERGE_TIMEOUT_MS = Number(process.env.BENCH_CONVERGE_TIMEOUT_MS ?? 120_000);

const ms = (x: number) => `${x.toFixed(1)} ms`;

/** One KIP-848 member as the load client plays it. */
interface Member {
  id: string;
  client: LoadClient;
  epoch: number;
  /** The assignment the broker last sent (partitions of the bench topic); the member owns exactly these. */
  owned: number[];
  /** Its last heartbeat reported `owned` and was answered without a new assignment: it has acknowledged it. */
  acked: boolean;
  /** Set once it has left (epoch -1): its loop stops. */
  gone?: boolean;
}

/** A KIP-848 group of members driven over shared connections, with the topic id the broker assigns by. */
class Kip848Group {
  readonly members: Member[] = [];
  topicId: Buffer | null = null;
  heartbeats = 0;
  readonly errors = new Map<number, number>();

  constructor(
    readonly groupId: string,
    private readonly clients: LoadClient[],
  ) {}

  private countError(code: number): void {
    this.errors.set(code, (this.errors.get(code) ?? 0) + 1);
  }

  /** A member's next heartbeat: epoch 0 to join, else its epoch and everything it owns (a full request). */
  fullRequest(m: Member): ConsumerGroupHeartbeatRequest {
    return consumerGroupHeartbeatRequest({
      groupId: this.groupId,
      memberId: m.id,
      memberEpoch: m.epoch,
      rebalanceTimeoutMs: 60_000,
      subscribedTopicNames: [BENCH_TOPIC],
      serverAssignor: ASSIGNOR,
      topicPartitions: m.owned.length && this.topicId ? [{ topicId: this.topicId, partitions: m.owned }] : [],
    });
  }

  /** Sends one heartbeat for `m` and applies the answer as a client reconciles: it owns what it is given, at once. */
  async step(m: Member): Promise<void> {
    const sent = m.owned;
    const res = await m.client.send<ConsumerGroupHeartbeatResponse>(ApiKey.ConsumerGroupHeartbeat, 1, this.fullRequest(m));
    this.heartbeats++;
    if (res.errorCode !== 0) {
      this.countError(res.errorCode);
      // Fenced or forgotten: a real client drops its partitions and rejoins with epoch 0.
      if (res.errorCode === ErrorCode.FENCED_MEMBER_EPOCH || res.errorCode === ErrorCode.UNKNOWN_MEMBER_ID) {
        m.epoch = 0;
        m.owned = [];
        m.acked = false;
      }
      return;
    }
    m.epoch = res.memberEpoch;
    if (res.assignment) {
      const tp = res.assignment.topicPartitions.find((t) => this.topicId === null || t.topicId.equals(this.topicId));
      if (tp && this.topicId === null) this.topicId = tp.topicId;
      const given = [...(tp?.partitions ?? [])].sort((a, b) => a - b);
      m.acked = given.length === sent.length && given.every((p, i) => p === sent[i]);
      m.owned = given;
    } else {
      m.acked = true;
    }
  }

  add(id = randomUUID()): Member {
    const m: Member = { id, client: this.clients[this.members.length % this.clients.length], epoch: 0, owned: [], acked: false };
    this.members.push(m);
    return m;
  }

  /** Client-side view of "converged": every member acknowledged its assignment at one epoch, and together they own every partition once. */
  converged(): boolean {
    const live = this.members.filter((m) => !m.gone);
    if (live.length === 0) return false;
    const epoch = live[0].epoch;
    let owned = 0;
    for (const m of live) {
      if (!m.acked || m.epoch !== epoch || m.epoch <= 0) return false;
      owned += m.owned.length;
    }
    if (owned !== PARTITIONS) return false;
    const seen = new Uint8Array(PARTITIONS);
    for (const m of live) for (const p of m.owned) if (seen[p]++) return false;
    return true;
  }

  async describe(): Promise<ConsumerGroupDescribeResponse['groups'][number]> {
    const res = await this.clients[0].send<ConsumerGroupDescribeResponse>(ApiKey.ConsumerGroupDescribe, 0, { groupIds: [this.groupId], includeAuthorizedOperations: false });
    return res.groups[0];
  }

  /**
   * Every live member heartbeats back to back (the first heartbeat of a member at epoch 0 is its join) until the
   * members see themselves converged and ConsumerGroupDescribe confirms: Stable, group epoch = assignment epoch =
   * every member's epoch. Returns when the members' side converged (the describe is not timed).
   */
  async untilStable(): Promise<{ convergedAt: number; heartbeats: number }> {
    const deadline = performance.now() + CONVERGE_TIMEOUT_MS;
    const before = this.heartbeats;
    for (;;) {
      let convergedAt = 0;
      let done = false;
      await Promise.all(
        this.members
          .filter((m) => !m.gone)
          .map(async (m) => {
            while (!done) {
              await this.step(m);
              if (!done && this.converged()) {
                done = true;
                convergedAt = performance.now();
              }
              if (performance.now() > deadline) {
                done = true;
              }
            }
          }),
      );
      if (!convergedAt) throw new Error(`${this.groupId}: not converged within ${CONVERGE_TIMEOUT_MS} ms; ${this.summary()}`);
      const g = await this.describe();
      const live = this.members.filter((m) => !m.gone);
      if (
        g.errorCode === 0 &&
        g.groupState === 'Stable' &&
        g.groupEpoch === g.assignmentEpoch &&
        g.members.length === live.length &&
        g.members.every((d) => d.memberEpoch === g.groupEpoch) &&
        live.every((m) => m.epoch === g.groupEpoch)
      ) {
        return { convergedAt, heartbeats: this.heartbeats - before };
      }
      if (performance.now() > deadline) {
        throw new Error(`${this.groupId}: members converged but ConsumerGroupDescribe says ${g.groupState}, group epoch ${g.groupEpoch}, assignment epoch ${g.assignmentEpoch}, ${g.members.length} members; ${this.summary()}`);
      }
    }
  }

  async leave(m: Member): Promise<void> {
    m.gone = true;
    const res = await m.client.send<ConsumerGroupHeartbeatResponse>(
      ApiKey.ConsumerGroupHeartbeat,
      1,
      consumerGroupHeartbeatRequest({ groupId: this.groupId, memberId: m.id, memberEpoch: -1 }),
    );
    if (res.errorCode !== 0) throw new Error(`${this.groupId}: leave of ${m.id} answered ${res.errorCode}`);
    this.members.splice(this.members.indexOf(m), 1);
  }

  summary(): string {
    const live = this.members.filter((m) => !m.gone);
    const epochs = new Map<number, number>();
    for (const m of live) epochs.set(m.epoch, (epochs.get(m.epoch) ?? 0) + 1);
    const owned = live.reduce((n, m) => n + m.owned.length, 0);
    return `members by epoch ${JSON.stringify(Object.fromEntries(epochs))}, acked ${live.filter((m) => m.acked).length}/${live.length}, partitions owned ${owned}/${PARTITIONS}, errors ${JSON.stringify(Object.fromEntries(this.errors))}`;
  }
}

interface Rate {
  rate: number;
  errors: string;
  brokerCpu: number;
  clientCpu: number;
}
interface Convergence {
  cold: number[];
  coldHeartbeats: number[];
  oneJoins: number[];
  oneJoinsHeartbeats: number[];
  ownedPerMember: string;
  errors: string;
}

async function heartbeatRate(broker: BrokerProcess, op: (i: number) => Promise<number>): Promise<Rate> {
  const errors = new Map<number, number>();
  const cpu = await cpuDuring(broker, () =>
    sustain(SECONDS, WINDOW, async (i) => {
      const code = await op(i);
      if (code !== 0) errors.set(code, (errors.get(code) ?? 0) + 1);
    }),
  );
  return { rate: cpu.result.rate, errors: errors.size ? JSON.stringify(Object.fromEntries(errors)) : '0', brokerCpu: cpu.broker, clientCpu: cpu.client };
}

/** A broker process (classic initial rebalance delay as the sibling script measuring the same thing uses) and the connections. */
async function withBroker<T>(initialDelayMs: number, work: (broker: BrokerProcess, clients: LoadClient[]) => Promise<T>): Promise<T> {
  const broker = await startBrokerProcess({ BROKER_GROUP_INITIAL_REBALANCE_DELAY_MS: String(initialDelayMs), BENCH_TOPICS: `${BENCH_TOPIC}:${PARTITIONS}` });
  const clients = await Promise.all(Array.from({ length: CONNECTIONS }, () => LoadClient.connect(broker.port)));
  try {
    return await work(broker, clients);
  } finally {
    for (const c of clients) c.close();
    await broker.stop();
  }
}

/** A KIP-848 group of `size` members that joined at once and converged; returns how long that took. */
async function formKip848Group(clients: LoadClient[], size: number): Promise<{ group: Kip848Group; tookMs: number; heartbeats: number }> {
  const group = new Kip848Group(`kip848-${size}`, clients);
  const members = Array.from({ length: size }, () => group.add());
  // All joins are written in this tick (the load client sends a tick's requests in one write).
  const joins = members.map((m) => group.step(m));
  const lastJoinSent = performance.now();
  await Promise.all(joins);
  const { convergedAt, heartbeats } = await group.untilStable();
  return { group, tookMs: convergedAt - lastJoinSent, heartbeats: heartbeats + size };
}

/** (a) KIP-848: a converged group heartbeats, each member at its epoch, with all fields ("full") or only its epoch ("partial"). */
function kip848Steady(size: number, mode: 'full' | 'partial'): Promise<Rate> {
  return withBroker(3_000, async (broker, clients) => {
    const { group } = await formKip848Group(clients, size);
    const stable = group.members;
    const rate = await heartbeatRate(broker, async (i) => {
      const m = stable[i % stable.length];
      const req: ConsumerGroupHeartbeatRequest =
        mode === 'full'
          ? group.fullRequest(m)
          : consumerGroupHeartbeatRequest({ groupId: group.groupId, memberId: m.id, memberEpoch: m.epoch });
      return (await m.client.send<ConsumerGroupHeartbeatResponse>(ApiKey.ConsumerGroupHeartbeat, 1, req)).errorCode;
    });
    const after = await group.describe();
    if (after.groupState !== 'Stable' || after.members.length !== size) throw new Error(`kip848-${size} after the heartbeat run: ${after.groupState}, ${after.members.length} members`);
    return rate;
  });
}

/** (b) KIP-848: cold joins (every round ends with all members leaving), then one member leaving and joining again. */
function kip848Convergence(size: number): Promise<Convergence> {
  return withBroker(3_000, async (_broker, clients) => {
    const out: Convergence = { cold: [], coldHeartbeats: [], oneJoins: [], oneJoinsHeartbeats: [], ownedPerMember: '', errors: '0' };
    let group!: Kip848Group;
    for (let round = 1; round <= ROUNDS; round++) {
      if (group) await Promise.all([...group.members].map((m) => group.leave(m)));
      const formed = await formKip848Group(clients, size);
      group = formed.group;
      out.cold.push(formed.tookMs);
      out.coldHeartbeats.push(formed.heartbeats);
    }
    for (let round = 1; round <= ROUNDS; round++) {
      await group.leave(group.members[group.members.length - 1]);
      await group.untilStable();
      const m = group.add();
      const joined = group.step(m);
      const joinSent = performance.now();
      await joined;
      const { convergedAt, heartbeats } = await group.untilStable();
      out.oneJoins.push(convergedAt - joinSent);
      out.oneJoinsHeartbeats.push(heartbeats + 1);
    }
    const counts = group.members.map((m) => m.owned.length);
    out.ownedPerMember = `${Math.min(...counts)}-${Math.max(...counts)}`;
    out.errors = group.errors.size ? JSON.stringify(Object.fromEntries(group.errors)) : '0';
    return out;
  });
}

/** (a) classic, as heartbeats.ts measures it (its initial rebalance delay, Heartbeat v3). */
function classicSteady(size: number): Promise<Rate> {
  return withBroker(1_000, async (broker, clients) => {
    const members = await formGroup(clients, `classic-${size}`, size);
    return heartbeatRate(broker, async (i) => {
      const m = members[i % members.length];
      const res = await m.client.send<HeartbeatResponse>(ApiKey.Heartbeat, 3, { groupId: m.groupId, generationId: m.generationId, memberId: m.memberId, groupInstanceId: null });
      return res.errorCode;
    });
  });
}

/** (b) classic, as rebalance-latency.ts measures it: every member rejoins with new metadata; last JoinGroup -> all synced. */
function classicRebalance(size: number): Promise<number[]> {
  return withBroker(3_000, async (_broker, clients) => {
    const groupId = `classic-${size}`;
    const members = await formGroup(clients, groupId, size);
    const took: number[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const metadata = subscription(`round-${round}`);
      const joins = members.map((m) => join(m.client, groupId, m.memberId, metadata).then((res: JoinGroupResponse) => ({ client: m.client, res })));
      const lastJoinSent = performance.now();
      const joined = await Promise.all(joins);
      if (joined.some((j) => j.res.errorCode !== 0)) throw new Error(`classic join errors: ${[...new Set(joined.map((j) => j.res.errorCode))]}`);
      const synced = await syncAll(joined, groupId);
      if (synced.some((s) => s.errorCode !== 0)) throw new Error(`classic sync errors: ${[...new Set(synced.map((s) => s.errorCode))]}`);
      took.push(performance.now() - lastJoinSent);
    }
    return took;
  });
}

const PARTS = {
  'kip848-full': (size: number) => kip848Steady(size, 'full'),
  'kip848-partial': (size: number) => kip848Steady(size, 'partial'),
  'classic-heartbeats': classicSteady,
  'kip848-convergence': kip848Convergence,
  'classic-rebalance': classicRebalance,
};
type Part = keyof typeof PARTS;

/**
 * Each figure comes from a process of its own (this script again, BENCH_PART set), with a broker process of its own:
 * in one process the figures measured later came out up to a third lower (the load client's and the broker's code
 * having served other request types before, and their heaps), which would make the comparison one of run order.
 */
function runPart(part: Part, size: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]], {
      env: { ...process.env, BENCH_PART: part, BENCH_SIZE: String(size) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let result: unknown;
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('RESULT ')) result = JSON.parse(line.slice('RESULT '.length));
      else process.stderr.write(`${line}\n`);
    });
    child.once('exit', (code) => (code === 0 && result !== undefined ? resolve(result) : reject(new Error(`${part} for ${size} members exited with ${code}`))));
  });
}

async function main(): Promise<void> {
  const part = process.env.BENCH_PART as Part | undefined;
  if (part) {
    const result = await PARTS[part](Number(process.env.BENCH_SIZE));
    process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
    return;
  }
  const spread = (xs: number[]) => `${ms(median(xs))} median of ${xs.length} (min ${ms(Math.min(...xs))}, max ${ms(Math.max(...xs))})`;
  const rate = (r: Rate) => `${fmt(r.rate).padStart(7)}/s (errors ${r.errors}; CPU broker ${r.brokerCpu.toFixed(0)} %, load client ${r.clientCpu.toFixed(0)} %; ${fmt(r.rate / (r.brokerCpu / 100))} per broker CPU-second)`;
  for (const size of SIZES) {
    const full = (await runPart('kip848-full', size)) as Rate;
    const partial = (await runPart('kip848-partial', size)) as Rate;
    const classic = (await runPart('classic-heartbeats', size)) as Rate;
    const converge = (await runPart('kip848-convergence', size)) as Convergence;
    const rebalance = (await runPart('classic-rebalance', size)) as number[];
    console.log(`${fmt(size)} members in one group, topic of ${fmt(PARTITIONS)} partitions, assignor ${ASSIGNOR ?? 'default (uniform)'}:`);
    console.log(`  (a) steady-state heartbeats, ${CONNECTIONS} connections, ${WINDOW} in flight, ${SECONDS} s each`);
    console.log(`      KIP-848 ConsumerGroupHeartbeat v1, full:    ${rate(full)}`);
    console.log(`      KIP-848 ConsumerGroupHeartbeat v1, partial: ${rate(partial)}`);
    console.log(`      classic Heartbeat v3 (as heartbeats.ts):    ${rate(classic)}`);
    console.log(`  (b) last join -> stable`);
    console.log(`      KIP-848, all ${size} join an empty group at once: ${spread(converge.cold)}; ${fmt(median(converge.coldHeartbeats))} heartbeats (median)`);
    console.log(`      KIP-848, one joins a stable group of ${size - 1}: ${spread(converge.oneJoins)}; ${fmt(median(converge.oneJoinsHeartbeats))} heartbeats (median)`);
    console.log(`      (KIP-848 stable: ${converge.ownedPerMember} partitions per member; error answers while converging: ${converge.errors})`);
    console.log(`      classic, every member rejoins, last JoinGroup -> all synced (as rebalance-latency.ts): ${spread(rebalance)}`);
  }
  console.log('  (2 cores shared by the broker, the load client and everything else on the machine; CPU in % of one core)');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
