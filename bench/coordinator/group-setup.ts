import {
  ApiKey,
  encodeConsumerProtocolAssignment,
  encodeConsumerProtocolSubscription,
  type JoinGroupResponse,
  type SyncGroupResponse,
} from '@app/kafka-protocol';
import type { LoadClient } from './load-client';

export interface BenchMember {
  groupId: string;
  memberId: string;
  generationId: number;
  client: LoadClient;
}

export const BENCH_TOPIC = 'bench-topic';

export function subscription(tag = ''): Buffer {
  return encodeConsumerProtocolSubscription({ topics: [BENCH_TOPIC], userData: Buffer.from(tag) }, 0);
}

export function join(client: LoadClient, groupId: string, memberId: string, metadata = subscription()): Promise<JoinGroupResponse> {
  return client.send<JoinGroupResponse>(ApiKey.JoinGroup, 3, {
    groupId,
    sessionTimeoutMs: 30_000,
    rebalanceTimeoutMs: 60_000,
    memberId,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata }],
  });
}

/** SyncGroup for every member of one generation; the leader hands each member one partition. */
export async function syncAll(joined: { client: LoadClient; res: JoinGroupResponse }[], groupId: string): Promise<SyncGroupResponse[]> {
  const leader = joined.find((j) => j.res.members.length > 0);
  if (!leader) throw new Error(`${groupId}: no leader among ${joined.length} join answers`);
  const assignments = leader.res.members.map((m, i) => ({
    memberId: m.memberId,
    assignment: encodeConsumerProtocolAssignment({ assignedPartitions: [{ topic: BENCH_TOPIC, partitions: [i] }], userData: null }, 0),
  }));
  // Followers first: their SyncGroup is held until the leader's arrives, exactly as with real clients.
  const followers = joined.filter((j) => j !== leader).map((j) =>
    j.client.send<SyncGroupResponse>(ApiKey.SyncGroup, 3, { groupId, generationId: j.res.generationId, memberId: j.res.memberId, groupInstanceId: null, assignments: [] }),
  );
  const mine = leader.client.send<SyncGroupResponse>(ApiKey.SyncGroup, 3, {
    groupId,
    generationId: leader.res.generationId,
    memberId: leader.res.memberId,
    groupInstanceId: null,
    assignments,
  });
  return Promise.all([mine, ...followers]);
}

/**
 * Forms a stable group of `size` members spread over `clients`. With an initial rebalance delay the first joins
 * usually form one generation; when they do not (a slow machine), every member rejoins with new metadata, which
 * holds all of them in one rebalance, until they agree.
 */
export async function formGroup(clients: LoadClient[], groupId: string, size: number, offset = 0): Promise<BenchMember[]> {
  const ids = Array.from({ length: size }, () => '');
  for (let attempt = 0; attempt < 5; attempt++) {
    const joined = await Promise.all(
      ids.map(async (memberId, i) => {
        const client = clients[(offset + i) % clients.length];
        return { client, res: await join(client, groupId, memberId, subscription(`attempt-${attempt}`)) };
      }),
    );
    joined.forEach((j, i) => (ids[i] = j.res.memberId));
    const generations = new Set(joined.map((j) => j.res.generationId));
    if (joined.some((j) => j.res.errorCode !== 0) || generations.size !== 1) continue;
    const synced = await syncAll(joined, groupId);
    if (synced.some((s) => s.errorCode !== 0)) continue;
    return joined.map((j) => ({ groupId, memberId: j.res.memberId, generationId: j.res.generationId, client: j.client }));
  }
  throw new Error(`${groupId}: no stable generation after 5 attempts`);
}

export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** The middle value (the upper one of an even count), as the latency figures quote. */
export function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
}
