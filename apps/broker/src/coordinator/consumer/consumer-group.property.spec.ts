import fc from 'fast-check';
import { ErrorCode } from '@app/kafka-protocol';
import { consumerGroupSetup, heartbeatRequest } from '../testing/consumer-group-testing';
import type { ConsumerGroupHeartbeatResult } from './consumer-group-requests';

/**
 * Clients modelled as the Java consumer behaves: partitions added by an answer are used at once; partitions taken
 * away are kept (still being processed, offsets committed) until the client acknowledges, which it does at a time
 * of its own choosing. The property: whatever joins, leaves, expiries, slow acknowledgements and topic changes
 * happen, no partition is ever owned by two live clients, and once everyone keeps heartbeating the group becomes
 * Stable with every subscribed partition owned by exactly one member at the group epoch.
 */
interface Client {
  memberId: string;
  epoch: number;
  owned: Set<string>;
  /** The last assignment received, applied to `owned` at the next acknowledgement. */
  pending: Set<string> | null;
  topics: string[];
  live: boolean;
}

type Action =
  | { kind: 'join'; topics: string[] }
  | { kind: 'heartbeat'; client: number }
  | { kind: 'ack'; client: number }
  | { kind: 'leave'; client: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'grow'; topic: string };

const TOPICS = ['t', 'u'];
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 2, arbitrary: fc.subarray(TOPICS, { minLength: 1 }).map((topics) => ({ kind: 'join' as const, topics })) },
  { weight: 6, arbitrary: fc.nat(7).map((client) => ({ kind: 'heartbeat' as const, client })) },
  { weight: 3, arbitrary: fc.nat(7).map((client) => ({ kind: 'ack' as const, client })) },
  { weight: 1, arbitrary: fc.nat(7).map((client) => ({ kind: 'leave' as const, client })) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 12_000 }).map((ms) => ({ kind: 'advance' as const, ms })) },
  { weight: 1, arbitrary: fc.constantFrom(...TOPICS).map((topic) => ({ kind: 'grow' as const, topic })) },
);

const key = (topic: string, p: number) => `${topic}-${p}`;
const toList = (owned: Set<string>) => {
  const byTopic = new Map<string, number[]>();
  for (const k of owned) {
    const i = k.lastIndexOf('-');
    const topic = k.slice(0, i);
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), Number(k.slice(i + 1))]);
  }
  return [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
};

async function run(actions: Action[]): Promise<void> {
  const env = consumerGroupSetup({ t: 5, u: 3 }, { consumerSessionTimeoutMs: 10_000, consumerHeartbeatIntervalMs: 1_000 });
  const clients: Client[] = [];
  const consumer = env.coordinator.consumer;

  const receive = (c: Client, r: ConsumerGroupHeartbeatResult) => {
    if (r.errorCode !== ErrorCode.NONE) {
      // Fenced or forgotten (expired): the client stops using its partitions and is out.
      expect([ErrorCode.UNKNOWN_MEMBER_ID, ErrorCode.FENCED_MEMBER_EPOCH]).toContain(r.errorCode);
      c.live = false;
      c.owned.clear();
      return;
    }
    c.memberId = r.memberId ?? c.memberId;
    c.epoch = r.memberEpoch;
    if (r.assignment) {
      const next = new Set(r.assignment.flatMap(({ topic, partitions }) => partitions.map((p) => key(topic, p))));
      for (const k of next) c.owned.add(k);
      c.pending = next;
    }
  };
  const heartbeat = async (c: Client) =>
    receive(
      c,
      await consumer.heartbeat(
        heartbeatRequest({ memberId: c.memberId, memberEpoch: c.epoch, rebalanceTimeoutMs: 5_000, subscribedTopicNames: c.topics, ownedPartitions: toList(c.owned) }),
      ),
    );
  const ack = (c: Client) => {
    if (c.pending) c.owned = new Set(c.pending);
    c.pending = null;
  };
  /** Clients the coordinator still counts as members (an expired member's client has not heard yet). */
  const checkNoDoubleOwnership = () => {
    const members = new Set(consumer.describe(['g'])[0].members.map((m) => m.memberId));
    const seen = new Map<string, string>();
    for (const c of clients) {
      if (!c.live) continue;
      if (!members.has(c.memberId)) {
        // Removed by the coordinator (session or rebalance timeout): its next heartbeat tells it; until then it
        // is a zombie, as in Kafka, and its partitions may already be elsewhere.
        continue;
      }
      for (const k of c.owned) {
        expect(seen.get(k) ?? c.memberId).toBe(c.memberId);
        seen.set(k, c.memberId);
      }
    }
  };

  for (const a of actions) {
    const c = 'client' in a ? clients.filter((x) => x.live)[a.client % Math.max(1, clients.filter((x) => x.live).length)] : undefined;
    switch (a.kind) {
      case 'join': {
        if (clients.filter((x) => x.live).length >= 6) break;
        const client: Client = { memberId: '', epoch: 0, owned: new Set(), pending: null, topics: a.topics, live: true };
        clients.push(client);
        receive(client, await consumer.heartbeat(heartbeatRequest({ subscribedTopicNames: a.topics, rebalanceTimeoutMs: 5_000 })));
        break;
      }
      case 'heartbeat':
        if (c) await heartbeat(c);
        break;
      case 'ack':
        if (c) ack(c);
        break;
      case 'leave':
        if (c) {
          await consumer.heartbeat(heartbeatRequest({ memberId: c.memberId, memberEpoch: -1 }));
          c.live = false;
          c.owned.clear();
        }
        break;
      case 'advance':
        env.clock.advance(a.ms);
        break;
      case 'grow':
        env.topics.set(a.topic, (env.topics.partitionCount(a.topic) ?? 0) + 1);
        break;
    }
    checkNoDoubleOwnership();
  }

  // Everyone still in keeps heartbeating and acknowledging promptly: the group must converge.
  for (let round = 0; round < 12; round++) {
    for (const c of clients.filter((x) => x.live)) {
      await heartbeat(c);
      if (c.live) ack(c);
      checkNoDoubleOwnership();
    }
  }
  const [group] = consumer.describe(['g']);
  const live = clients.filter((x) => x.live);
  if (live.length === 0) return;
  expect(group.state).toBe('Stable');
  const subscribed = new Set(live.flatMap((c) => c.topics));
  const all = [...subscribed].flatMap((t) => Array.from({ length: env.topics.partitionCount(t)! }, (_, p) => key(t, p)));
  const owned = live.flatMap((c) => [...c.owned]);
  expect(owned.sort()).toEqual(all.sort());
  for (const m of group.members) expect(m.memberEpoch).toBe(group.groupEpoch);
}

describe('KIP-848 reconciliation, property-based', () => {
  it('never lets two live members own one partition, and converges to a full, stable assignment', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 80 }), (actions) => run(actions)),
      { numRuns: 300 },
    );
  });
});
