import type { GroupEvent } from '@app/domain';
import { AssignerProtocol } from 'kafkajs';
import { DEFAULT_COORDINATOR_CONFIG, type CoordinatorConfig } from './config/coordinator-config';
import { decodeConsumerProtocolSubscription, ErrorCode } from '@app/kafka-protocol';
import { GroupCoordinator } from './group-coordinator';
import type { JoinGroupRequest, OffsetCommitRequest } from './group/group-requests';
import { ManualClock } from './time/manual-clock';
import type { SyncGroupResult } from './group/member';
import { InMemoryGroupStore } from './testing/in-memory-group-store';

/** Subscription metadata as a real client (kafkajs) writes it. */
const subscription = (...topics: string[]) => AssignerProtocol.MemberMetadata.encode({ version: 0, topics, userData: Buffer.alloc(0) });
const assignment = (topic: string, ...partitions: number[]) =>
  AssignerProtocol.MemberAssignment.encode({ version: 0, assignment: { [topic]: partitions }, userData: Buffer.alloc(0) });

/** Lets resolved store writes and promise callbacks run. */
const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

function setup(overrides: Partial<CoordinatorConfig> = {}) {
  const clock = new ManualClock();
  const store = new InMemoryGroupStore();
  const events: GroupEvent[] = [];
  let seq = 0;
  const coordinator = new GroupCoordinator({
    config: { ...DEFAULT_COORDINATOR_CONFIG, initialRebalanceDelayMs: 0, ...overrides },
    clock,
    store,
    events: { publish: (e) => events.push(e) },
    subscribedTopics: (metadata) => decodeConsumerProtocolSubscription(metadata).topics,
    newMemberId: () => `uuid${++seq}`,
  });
  return { clock, store, events, coordinator };
}

type Env = ReturnType<typeof setup>;

function joinRequest(overrides: Partial<JoinGroupRequest> = {}): JoinGroupRequest {
  return {
    groupId: 'g',
    memberId: '',
    groupInstanceId: null,
    clientId: 'client',
    clientHost: '/127.0.0.1',
    sessionTimeoutMs: 10_000,
    rebalanceTimeoutMs: 30_000,
    protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: subscription('t') }],
    requireKnownMemberId: true,
    ...overrides,
  };
}

/** Tracks a held request: `settled` is filled in when the coordinator answers. */
function track<T>(promise: Promise<T>): { promise: Promise<T>; settled: T | undefined } {
  const holder: { promise: Promise<T>; settled: T | undefined } = { promise, settled: undefined };
  promise.then((value) => (holder.settled = value));
  return holder;
}

/** KIP-394 two-step join; returns the held second JoinGroup. */
async function join(env: Env, overrides: Partial<JoinGroupRequest> = {}) {
  if (overrides.groupInstanceId) return track(env.coordinator.joinGroup(joinRequest(overrides)));
  const first = await env.coordinator.joinGroup(joinRequest(overrides));
  expect(first.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
  return track(env.coordinator.joinGroup(joinRequest({ ...overrides, memberId: first.memberId })));
}

/** Brings `count` members to Stable; the leader assigns partition i to member i. */
async function stableGroup(env: Env, count: number, overrides: Partial<JoinGroupRequest> = {}) {
  const held = [];
  for (let i = 0; i < count; i++) held.push(await join(env, { clientId: `c${i}`, ...overrides }));
  env.clock.advance(0);
  await flush();
  const joins = held.map((h) => h.settled!);
  const leader = joins.find((j) => j.members.length > 0)!;
  const syncs = joins.map((j) =>
    track(
      env.coordinator.syncGroup({
        groupId: overrides.groupId ?? 'g',
        generationId: j.generationId,
        memberId: j.memberId,
        groupInstanceId: overrides.groupInstanceId ?? null,
        protocolType: null,
        protocolName: null,
        assignments: j === leader ? joins.map((m, i) => ({ memberId: m.memberId, assignment: assignment('t', i) })) : [],
      }),
    ),
  );
  await flush();
  return { joins, leader, syncs: syncs.map((s) => s.settled!) };
}

describe('GroupCoordinator join and sync', () => {
  it('asks a v4+ dynamic member for a member id first, then forms generation 1 with it as leader', async () => {
    const env = setup();
    const first = await env.coordinator.joinGroup(joinRequest());
    expect(first).toMatchObject({ errorCode: ErrorCode.MEMBER_ID_REQUIRED, memberId: 'client-uuid1', generationId: -1 });

    const second = track(env.coordinator.joinGroup(joinRequest({ memberId: first.memberId })));
    await flush();
    expect(second.settled).toBeUndefined();
    env.clock.advance(0);
    await flush();
    expect(second.settled).toMatchObject({ errorCode: 0, generationId: 1, leader: 'client-uuid1', memberId: 'client-uuid1', protocolName: 'range' });
    expect(second.settled!.members).toEqual([{ memberId: 'client-uuid1', groupInstanceId: null, metadata: subscription('t') }]);
    expect(env.coordinator.describeGroup('g').state).toBe('CompletingRebalance');
  });

  it('adds a v0-v3 member immediately, without MEMBER_ID_REQUIRED', async () => {
    const env = setup();
    const held = track(env.coordinator.joinGroup(joinRequest({ requireKnownMemberId: false })));
    env.clock.advance(0);
    await flush();
    expect(held.settled).toMatchObject({ errorCode: 0, generationId: 1, memberId: 'client-uuid1' });
  });

  it('gives only the leader the members, holds followers in SyncGroup until the leader assigns', async () => {
    const env = setup();
    const a = await join(env, { clientId: 'a' });
    const b = await join(env, { clientId: 'b' });
    const c = await join(env, { clientId: 'c' });
    env.clock.advance(0);
    await flush();
    const joins = [a, b, c].map((h) => h.settled!);
    expect(joins.map((j) => j.generationId)).toEqual([1, 1, 1]);
    expect(joins.map((j) => j.members.length)).toEqual([3, 0, 0]);
    expect(new Set(joins.map((j) => j.leader))).toEqual(new Set([joins[0].memberId]));

    const follower = track(env.coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: joins[1].memberId, groupInstanceId: null, protocolType: 'consumer', protocolName: 'range', assignments: [] }));
    await flush();
    expect(follower.settled).toBeUndefined();

    const leader = await env.coordinator.syncGroup({
      groupId: 'g',
      generationId: 1,
      memberId: joins[0].memberId,
      groupInstanceId: null,
      protocolType: null,
      protocolName: null,
      assignments: [
        { memberId: joins[0].memberId, assignment: assignment('t', 0) },
        { memberId: joins[1].memberId, assignment: assignment('t', 1) },
      ],
    });
    await flush();
    expect(leader.assignment).toEqual(assignment('t', 0));
    expect(follower.settled).toMatchObject({ errorCode: 0, protocolName: 'range', assignment: assignment('t', 1) });
    // The member the leader left out gets empty bytes, as in Kafka.
    const third = await env.coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: joins[2].memberId, groupInstanceId: null, protocolType: null, protocolName: null, assignments: [] });
    expect(third).toMatchObject({ errorCode: 0, assignment: Buffer.alloc(0) });
    expect(env.coordinator.describeGroup('g')).toMatchObject({ state: 'Stable', generationId: 1, protocol: 'range' });
    expect(env.events.filter((e) => e.type === 'rebalance_completed')).toHaveLength(1);
  });

  it('selects the protocol most members prefer among those all support', async () => {
    const env = setup();
    const both = [
      { name: 'range', metadata: subscription('t') },
      { name: 'roundrobin', metadata: subscription('t') },
    ];
    await join(env, { protocols: both });
    await join(env, { protocols: [both[1]] });
    const third = await join(env, { protocols: [both[1], both[0]] });
    env.clock.advance(0);
    await flush();
    expect(third.settled!.protocolName).toBe('roundrobin');
  });

  it('refuses a member with no protocol in common, a different protocol type, or no protocols', async () => {
    const env = setup();
    await stableGroup(env, 1);
    const other = await env.coordinator.joinGroup(joinRequest({ protocols: [{ name: 'RoundRobinAssigner', metadata: subscription('t') }] }));
    expect(other.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    const type = await env.coordinator.joinGroup(joinRequest({ protocolType: 'connect' }));
    expect(type.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    const none = await env.coordinator.joinGroup(joinRequest({ groupId: 'fresh', protocols: [] }));
    expect(none.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    expect(env.coordinator.listGroups().map((g) => g.groupId)).toEqual(['g']);
  });

  it('validates the session timeout and the group id', async () => {
    const env = setup({ minSessionTimeoutMs: 6_000, maxSessionTimeoutMs: 60_000 });
    expect((await env.coordinator.joinGroup(joinRequest({ sessionTimeoutMs: 5_999 }))).errorCode).toBe(ErrorCode.INVALID_SESSION_TIMEOUT);
    expect((await env.coordinator.joinGroup(joinRequest({ sessionTimeoutMs: 60_001 }))).errorCode).toBe(ErrorCode.INVALID_SESSION_TIMEOUT);
    expect((await env.coordinator.joinGroup(joinRequest({ groupId: '' }))).errorCode).toBe(ErrorCode.INVALID_GROUP_ID);
    expect((await env.coordinator.joinGroup(joinRequest({ memberId: 'ghost' }))).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('answers a known follower rejoining a stable group at once, with no rebalance', async () => {
    const env = setup();
    const { joins } = await stableGroup(env, 2);
    const follower = joins.find((j) => j.members.length === 0)!;
    const again = await env.coordinator.joinGroup(joinRequest({ memberId: follower.memberId }));
    expect(again).toMatchObject({ errorCode: 0, generationId: 1, members: [] });
    expect(env.coordinator.describeGroup('g').state).toBe('Stable');
  });

  it('rebalances when a stable member rejoins with changed metadata (cooperative second round)', async () => {
    const env = setup();
    const { joins } = await stableGroup(env, 2);
    const changed = track(env.coordinator.joinGroup(joinRequest({ memberId: joins[1].memberId, protocols: [{ name: 'range', metadata: subscription('t', 'u') }] })));
    await flush();
    expect(changed.settled).toBeUndefined();
    expect(env.coordinator.describeGroup('g').state).toBe('PreparingRebalance');
    // Commits stay accepted while preparing, and heartbeats say "rejoin" without removing anyone.
    const commit = await env.coordinator.commitOffsets(commitRequest({ memberId: joins[0].memberId, generationId: 1 }));
    expect(commit[0].errorCode).toBe(0);
    expect(env.coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: joins[0].memberId, groupInstanceId: null })).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    const rejoin = track(env.coordinator.joinGroup(joinRequest({ memberId: joins[0].memberId })));
    await flush();
    expect(changed.settled!.generationId).toBe(2);
    expect(rejoin.settled!.generationId).toBe(2);
  });

  it('fails followers waiting in SyncGroup with REBALANCE_IN_PROGRESS when a new member arrives', async () => {
    const env = setup();
    const a = await join(env, { clientId: 'a' });
    const b = await join(env, { clientId: 'b' });
    env.clock.advance(0);
    await flush();
    const follower = b.settled!;
    const waiting = track(env.coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: follower.memberId, groupInstanceId: null, protocolType: null, protocolName: null, assignments: [] }));
    await join(env, { clientId: 'c' });
    await flush();
    expect(waiting.settled).toMatchObject({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS });
    expect(a.settled!.leader).toBe(a.settled!.memberId);
  });
});

function commitRequest(overrides: Partial<OffsetCommitRequest> = {}): OffsetCommitRequest {
  return {
    groupId: 'g',
    generationId: -1,
    memberId: '',
    groupInstanceId: null,
    retentionTimeMs: -1,
    offsets: [{ topic: 't', partition: 0, offset: 42n, leaderEpoch: -1, metadata: 'meta', commitTimestamp: -1 }],
    ...overrides,
  };
}

describe('GroupCoordinator timeouts', () => {
  it('expires a member without heartbeats after its session timeout and rebalances the rest', async () => {
    const env = setup();
    const { joins } = await stableGroup(env, 2);
    const [survivor, silent] = joins;
    for (let t = 0; t < 2; t++) {
      env.clock.advance(4_000);
      expect(env.coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: survivor.memberId, groupInstanceId: null })).toBe(0);
    }
    env.clock.advance(4_000);
    expect(env.coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: survivor.memberId, groupInstanceId: null })).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    expect(env.coordinator.describeGroup('g').state).toBe('PreparingRebalance');
    expect(env.events).toContainEqual(expect.objectContaining({ type: 'member_expired', member_id: silent.memberId }));
    expect(env.coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: silent.memberId, groupInstanceId: null })).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    const rejoin = await env.coordinator.joinGroup(joinRequest({ memberId: survivor.memberId }));
    expect(rejoin).toMatchObject({ errorCode: 0, generationId: 2, leader: survivor.memberId });
    expect(rejoin.members.map((m) => m.memberId)).toEqual([survivor.memberId]);
  });

  it('removes members that do not rejoin before the rebalance timeout', async () => {
    const env = setup();
    const { joins } = await stableGroup(env, 3, { rebalanceTimeoutMs: 20_000 });
    const rejoin = track(env.coordinator.joinGroup(joinRequest({ memberId: joins[0].memberId, rebalanceTimeoutMs: 20_000 })));
    // The other two keep heartbeating (they are told to rejoin) but never do.
    for (let t = 0; t < 5; t++) {
      env.clock.advance(4_000);
      for (const j of joins.slice(1)) env.coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: j.memberId, groupInstanceId: null });
    }
    await flush();
    expect(rejoin.settled).toMatchObject({ errorCode: 0, generationId: 2 });
    expect(rejoin.settled!.members).toHaveLength(1);
    expect(env.events.filter((e) => e.type === 'member_left').map((e) => (e as { reason: string }).reason)).toEqual([
      'did not rejoin before the rebalance timeout',
      'did not rejoin before the rebalance timeout',
    ]);
  });

  it('removes a member that got its JoinGroup answer but never sends SyncGroup', async () => {
    const env = setup();
    const a = await join(env, { clientId: 'a', rebalanceTimeoutMs: 8_000 });
    const b = await join(env, { clientId: 'b', rebalanceTimeoutMs: 8_000 });
    env.clock.advance(0);
    await flush();
    const leader = a.settled!;
    track(env.coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: leader.memberId, groupInstanceId: null, protocolType: null, protocolName: null, assignments: [] }));
    await flush();
    env.clock.advance(8_000);
    expect(env.coordinator.describeGroup('g').members.map((m) => m.memberId)).toEqual([leader.memberId]);
    expect(env.coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: b.settled!.memberId, groupInstanceId: null })).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('forgets a pending (KIP-394) member that never comes back', async () => {
    const env = setup();
    await stableGroup(env, 1);
    const pending = await env.coordinator.joinGroup(joinRequest({ clientId: 'late' }));
    expect(pending.errorCode).toBe(ErrorCode.MEMBER_ID_REQUIRED);
    env.clock.advance(10_000);
    const back = await env.coordinator.joinGroup(joinRequest({ memberId: pending.memberId }));
    expect(back.errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('waits the initial rebalance delay for a new group, extending it while members keep arriving', async () => {
    const env = setup({ initialRebalanceDelayMs: 3_000 });
    const a = await join(env, { clientId: 'a' });
    env.clock.advance(2_000);
    const b = await join(env, { clientId: 'b' });
    env.clock.advance(2_000);
    await flush();
    expect(a.settled).toBeUndefined();
    env.clock.advance(1_000);
    await flush();
    expect(a.settled).toBeUndefined();
    env.clock.advance(2_000);
    await flush();
    expect(a.settled).toMatchObject({ generationId: 1 });
    expect(b.settled).toMatchObject({ generationId: 1 });
    expect(a.settled!.members).toHaveLength(2);
  });

  it('refuses members beyond the maximum group size', async () => {
    const env = setup({ maxGroupSize: 2 });
    await stableGroup(env, 2);
    const third = await env.coordinator.joinGroup(joinRequest({ requireKnownMemberId: false }));
    expect(third.errorCode).toBe(ErrorCode.GROUP_MAX_SIZE_REACHED);
    expect(env.coordinator.describeGroup('g').members).toHaveLength(2);
  });
});

describe('GroupCoordinator heartbeats', () => {
  it('answers by group state, member and generation', async () => {
    const env = setup();
    const { joins } = await stableGroup(env, 1);
    const id = joins[0].memberId;
    const hb = (memberId: string, generationId: number, groupId = 'g') => env.coordinator.heartbeat({ groupId, generationId, memberId, groupInstanceId: null });
    expect(hb(id, 1)).toBe(ErrorCode.NONE);
    expect(hb(id, 0)).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(hb('stranger', 1)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(hb(id, 1, 'other')).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(hb(id, 1, '')).toBe(ErrorCode.INVALID_GROUP_ID);
  });

  it('keeps a member alive in CompletingRebalance through heartbeats', async () => {
    const env = setup();
    const a = await join(env);
    env.clock.advance(0);
    await flush();
    expect(env.coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: a.settled!.memberId, groupInstanceId: null })).toBe(ErrorCode.NONE);
  });
});

describe('GroupCoordinator client reasons (KIP-800)', () => {
  it('adds the reason a member gives for joining (JoinGroup v8+) to the rebalance it starts, and its reason for leaving (LeaveGroup v5) to member_left', async () => {
    const env = setup();
    const { joins, leader } = await stableGroup(env, 2);
    track(env.coordinator.joinGroup(joinRequest({ memberId: leader.memberId, reason: 'metadata refresh' })));
    const started = env.events.filter((e) => e.type === 'rebalance_started').map((e) => (e as { reason: string }).reason);
    expect(started[started.length - 1]).toBe(`leader ${leader.memberId} rejoined; client reason: metadata refresh`);

    const follower = joins.find((j) => j !== leader)!;
    env.coordinator.leaveGroup('g', [{ memberId: follower.memberId, groupInstanceId: null, reason: 'shutting down' }]);
    const left = env.events.filter((e) => e.type === 'member_left').map((e) => (e as { reason: string }).reason);
    expect(left).toEqual(['left the group; client reason: shutting down']);
  });
});

describe('GroupCoordinator static membership (KIP-345)', () => {
  it('gives a restarted static member its old assignment with no rebalance, and fences the old id', async () => {
    const env = setup();
    const a = await stableGroup(env, 1, { groupInstanceId: 'instance-a' });
    const oldId = a.joins[0].memberId;
    const rebalances = env.events.filter((e) => e.type === 'rebalance_started').length;

    const restarted = await env.coordinator.joinGroup(joinRequest({ groupInstanceId: 'instance-a' }));
    expect(restarted).toMatchObject({ errorCode: 0, generationId: 1, members: [] });
    expect(restarted.memberId).not.toBe(oldId);
    expect(restarted.leader).toBe(oldId);
    const sync = await env.coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: restarted.memberId, groupInstanceId: 'instance-a', protocolType: null, protocolName: null, assignments: [] });
    expect(sync).toMatchObject({ errorCode: 0, assignment: assignment('t', 0) });
    expect(env.events.filter((e) => e.type === 'rebalance_started')).toHaveLength(rebalances);

    expect(env.coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: oldId, groupInstanceId: 'instance-a' })).toBe(ErrorCode.FENCED_INSTANCE_ID);
    const commit = await env.coordinator.commitOffsets(commitRequest({ memberId: oldId, generationId: 1, groupInstanceId: 'instance-a' }));
    expect(commit[0].errorCode).toBe(ErrorCode.FENCED_INSTANCE_ID);
  });

  it('tells a restarted static leader that it leads and to skip the assignment only from JoinGroup v9 (KIP-814)', async () => {
    const env = setup();
    const statics = await stableGroup(env, 1, { groupId: 'sg', groupInstanceId: 'leader-instance' });
    const oldId = statics.joins[0].memberId;

    const v8 = await env.coordinator.joinGroup(joinRequest({ groupId: 'sg', groupInstanceId: 'leader-instance', supportsSkipAssignment: false }));
    expect(v8).toMatchObject({ errorCode: 0, generationId: 1, leader: oldId, members: [], skipAssignment: false });

    const v9 = await env.coordinator.joinGroup(joinRequest({ groupId: 'sg', groupInstanceId: 'leader-instance', supportsSkipAssignment: true }));
    expect(v9).toMatchObject({ errorCode: 0, generationId: 1, leader: v9.memberId, skipAssignment: true });
    expect(v9.members).toEqual([{ memberId: v9.memberId, groupInstanceId: 'leader-instance', metadata: subscription('t') }]);
    const sync = await env.coordinator.syncGroup({ groupId: 'sg', generationId: 1, memberId: v9.memberId, groupInstanceId: 'leader-instance', protocolType: null, protocolName: null, assignments: [] });
    expect(sync).toMatchObject({ errorCode: 0, assignment: assignment('t', 0) });
  });

  it('removes a static member whose session expires without it coming back', async () => {
    const env = setup();
    await stableGroup(env, 1, { groupInstanceId: 'instance-a' });
    env.clock.advance(10_000);
    expect(env.coordinator.describeGroup('g')).toMatchObject({ state: 'Empty', members: [] });
    const back = track(env.coordinator.joinGroup(joinRequest({ groupInstanceId: 'instance-a' })));
    env.clock.advance(0);
    await flush();
    expect(back.settled).toMatchObject({ errorCode: 0, generationId: 3 });
  });

  it('fences a JoinGroup carrying an old member id for a re-registered instance', async () => {
    const env = setup();
    const a = await stableGroup(env, 1, { groupInstanceId: 'i' });
    await env.coordinator.joinGroup(joinRequest({ groupInstanceId: 'i' }));
    const stale = await env.coordinator.joinGroup(joinRequest({ memberId: a.joins[0].memberId, groupInstanceId: 'i' }));
    expect(stale.errorCode).toBe(ErrorCode.FENCED_INSTANCE_ID);
  });
});

describe('GroupCoordinator LeaveGroup', () => {
  it('removes members in a batch, reports unknown ones, and removes by instance id with an empty member id', async () => {
    const env = setup();
    const s = await stableGroup(env, 2, { groupInstanceId: null });
    const statics = track(env.coordinator.joinGroup(joinRequest({ groupInstanceId: 'inst', groupId: 'h' })));
    env.clock.advance(0);
    await flush();
    expect(statics.settled!.errorCode).toBe(0);
    const result = env.coordinator.leaveGroup('g', [
      { memberId: s.joins[0].memberId, groupInstanceId: null },
      { memberId: 'nobody', groupInstanceId: null },
    ]);
    expect(result).toEqual({
      errorCode: 0,
      members: [
        { memberId: s.joins[0].memberId, groupInstanceId: null, errorCode: 0 },
        { memberId: 'nobody', groupInstanceId: null, errorCode: ErrorCode.UNKNOWN_MEMBER_ID },
      ],
    });
    expect(env.coordinator.leaveGroup('h', [{ memberId: '', groupInstanceId: 'inst' }]).members[0].errorCode).toBe(0);
    expect(env.coordinator.describeGroup('h').members).toEqual([]);
    expect(env.coordinator.leaveGroup('none', [{ memberId: 'x', groupInstanceId: null }]).members[0].errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('empties the group when the last member leaves, bumping the generation', async () => {
    const env = setup();
    const s = await stableGroup(env, 1);
    env.coordinator.leaveGroup('g', [{ memberId: s.joins[0].memberId, groupInstanceId: null }]);
    expect(env.coordinator.describeGroup('g')).toMatchObject({ state: 'Empty', generationId: 2, members: [] });
  });
});

describe('GroupCoordinator offsets', () => {
  it('accepts standalone commits for a group nobody joined and returns them, with metadata', async () => {
    const env = setup();
    expect(await env.coordinator.commitOffsets(commitRequest())).toEqual([{ topic: 't', partition: 0, errorCode: 0 }]);
    expect(env.coordinator.fetchOffsets('g', [{ topic: 't', partitions: [0, 1] }])).toEqual([
      { topic: 't', partition: 0, offset: 42n, leaderEpoch: -1, metadata: 'meta', errorCode: 0 },
      { topic: 't', partition: 1, offset: -1n, leaderEpoch: -1, metadata: '', errorCode: 0 },
    ]);
    expect(env.coordinator.fetchOffsets('g', null).map((o) => o.offset)).toEqual([42n]);
    expect(env.coordinator.listGroups()).toEqual([{ groupId: 'g', protocolType: '', state: 'Empty', groupType: 'classic' }]);
    expect(env.store.offsets.get('g')!.get('t/0')!.offset).toBe(42n);
  });

  it('fences commits by member and generation where Kafka does', async () => {
    const env = setup();
    expect((await env.coordinator.commitOffsets(commitRequest({ groupId: 'nobody', generationId: 3, memberId: 'm' })))[0].errorCode).toBe(ErrorCode.ILLEGAL_GENERATION);
    const { joins } = await stableGroup(env, 1);
    const id = joins[0].memberId;
    expect((await env.coordinator.commitOffsets(commitRequest({ memberId: id, generationId: 0 })))[0].errorCode).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect((await env.coordinator.commitOffsets(commitRequest({ memberId: 'ghost', generationId: 1 })))[0].errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect((await env.coordinator.commitOffsets(commitRequest()))[0].errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect((await env.coordinator.commitOffsets(commitRequest({ memberId: id, generationId: 1 })))[0].errorCode).toBe(0);
  });

  it('answers REBALANCE_IN_PROGRESS to commits while completing a rebalance', async () => {
    const env = setup();
    const a = await join(env);
    env.clock.advance(0);
    await flush();
    const result = await env.coordinator.commitOffsets(commitRequest({ memberId: a.settled!.memberId, generationId: 1 }));
    expect(result[0].errorCode).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
  });

  it('refuses oversized metadata per partition and keeps the others', async () => {
    const env = setup({ offsetMetadataMaxBytes: 8 });
    const result = await env.coordinator.commitOffsets(
      commitRequest({
        offsets: [
          { topic: 't', partition: 0, offset: 1n, leaderEpoch: -1, metadata: 'x'.repeat(9), commitTimestamp: -1 },
          { topic: 't', partition: 1, offset: 2n, leaderEpoch: 5, metadata: null, commitTimestamp: -1 },
        ],
      }),
    );
    expect(result).toEqual([
      { topic: 't', partition: 0, errorCode: ErrorCode.OFFSET_METADATA_TOO_LARGE },
      { topic: 't', partition: 1, errorCode: 0 },
    ]);
    expect(env.coordinator.fetchOffsets('g', null)).toEqual([{ topic: 't', partition: 1, offset: 2n, leaderEpoch: 5, metadata: '', errorCode: 0 }]);
  });

  it('does not acknowledge a commit the store could not write, and does not return it later', async () => {
    const env = setup();
    env.store.failing = true;
    const result = await env.coordinator.commitOffsets(commitRequest());
    expect(result[0].errorCode).toBe(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    expect(env.coordinator.fetchOffsets('g', [{ topic: 't', partitions: [0] }])[0].offset).toBe(-1n);
  });

  it('stops commit and expiry timestamps past what a number holds exactly at the largest one, so the offset is kept', async () => {
    const env = setup();
    env.clock.advance(1_700_000_000_000);
    expect(await env.coordinator.commitOffsets(commitRequest({ retentionTimeMs: Number(2n ** 63n - 1n) }))).toEqual([{ topic: 't', partition: 0, errorCode: 0 }]);
    expect(env.store.offsets.get('g')?.get('t/0')?.expireTimestamp).toBe(Number.MAX_SAFE_INTEGER);
    env.clock.advance(10 * 365 * 24 * 3_600_000);
    expect(env.coordinator.cleanupExpiredOffsets()).toBe(0);
    const late = commitRequest({ offsets: [{ topic: 't', partition: 1, offset: 1n, leaderEpoch: -1, metadata: '', commitTimestamp: Number(2n ** 62n) }] });
    expect((await env.coordinator.commitOffsets(late))[0].errorCode).toBe(0);
    expect(env.store.offsets.get('g')?.get('t/1')?.commitTimestamp).toBe(Number.MAX_SAFE_INTEGER);
  });

  it('expires offsets of an empty group after the retention period, then the group itself', async () => {
    const env = setup({ offsetsRetentionMs: 60_000 });
    await env.coordinator.commitOffsets(commitRequest());
    env.clock.advance(59_000);
    expect(env.coordinator.cleanupExpiredOffsets()).toBe(0);
    env.clock.advance(1_000);
    expect(env.coordinator.cleanupExpiredOffsets()).toBe(1);
    expect(env.coordinator.listGroups()).toEqual([]);
    await flush();
    expect(env.store.offsets.get('g')).toBeUndefined();
  });

  it('keeps offsets of a stable group for subscribed topics past the retention period', async () => {
    const env = setup({ offsetsRetentionMs: 1_000 });
    const { joins } = await stableGroup(env, 1);
    await env.coordinator.commitOffsets(commitRequest({ memberId: joins[0].memberId, generationId: 1 }));
    env.clock.advance(500);
    env.coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: joins[0].memberId, groupInstanceId: null });
    env.clock.advance(600);
    expect(env.coordinator.cleanupExpiredOffsets()).toBe(0);
  });
});

describe('GroupCoordinator admin', () => {
  it('describes an unknown group as Dead without an error, and a stable one with metadata and assignment', async () => {
    const env = setup();
    expect(env.coordinator.describeGroup('nope')).toMatchObject({ errorCode: 0, state: 'Dead', protocolType: '', protocol: '', members: [] });
    const { joins } = await stableGroup(env, 1);
    expect(env.coordinator.describeGroup('g')).toMatchObject({
      state: 'Stable',
      protocolType: 'consumer',
      protocol: 'range',
      leaderId: joins[0].memberId,
      members: [{ memberId: joins[0].memberId, clientId: 'c0', clientHost: '/127.0.0.1', metadata: subscription('t'), assignment: assignment('t', 0) }],
    });
  });

  it('lists groups with a state filter', async () => {
    const env = setup();
    await stableGroup(env, 1);
    await env.coordinator.commitOffsets(commitRequest({ groupId: 'offsets-only' }));
    expect(env.coordinator.listGroups().map((g) => g.groupId)).toEqual(['g', 'offsets-only']);
    expect(env.coordinator.listGroups(['stable'])).toEqual([{ groupId: 'g', protocolType: 'consumer', state: 'Stable', groupType: 'classic' }]);
    expect(env.coordinator.listGroups(['Empty']).map((g) => g.groupId)).toEqual(['offsets-only']);
  });

  it('deletes only empty groups', async () => {
    const env = setup();
    await stableGroup(env, 1);
    await env.coordinator.commitOffsets(commitRequest({ groupId: 'idle' }));
    expect(await env.coordinator.deleteGroups(['g', 'idle', 'missing'])).toEqual([
      { groupId: 'g', errorCode: ErrorCode.NON_EMPTY_GROUP },
      { groupId: 'idle', errorCode: 0 },
      { groupId: 'missing', errorCode: ErrorCode.GROUP_ID_NOT_FOUND },
    ]);
    expect(env.coordinator.fetchOffsets('idle', null)).toEqual([]);
    expect(env.store.offsets.has('idle')).toBe(false);
  });

  it('deletes offsets of unsubscribed topics only while the group is active', async () => {
    const env = setup();
    const { joins } = await stableGroup(env, 1);
    await env.coordinator.commitOffsets(
      commitRequest({
        memberId: joins[0].memberId,
        generationId: 1,
        offsets: [
          { topic: 't', partition: 0, offset: 1n, leaderEpoch: -1, metadata: '', commitTimestamp: -1 },
          { topic: 'old', partition: 0, offset: 1n, leaderEpoch: -1, metadata: '', commitTimestamp: -1 },
        ],
      }),
    );
    const result = await env.coordinator.deleteOffsets('g', [
      { topic: 't', partition: 0 },
      { topic: 'old', partition: 0 },
    ]);
    expect(result).toEqual({
      errorCode: 0,
      partitions: [
        { topic: 't', partition: 0, errorCode: ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC },
        { topic: 'old', partition: 0, errorCode: 0 },
      ],
    });
    expect(env.coordinator.fetchOffsets('g', null).map((o) => o.topic)).toEqual(['t']);
    expect((await env.coordinator.deleteOffsets('missing', [])).errorCode).toBe(ErrorCode.GROUP_ID_NOT_FOUND);
  });
});

describe('GroupCoordinator restore', () => {
  it('brings a stored stable group back with its members, generation, assignments and offsets', async () => {
    const env = setup();
    const { joins } = await stableGroup(env, 2);
    await env.coordinator.commitOffsets(commitRequest({ memberId: joins[0].memberId, generationId: 1 }));

    const restarted = setup();
    restarted.coordinator.restore(env.store.load());
    expect(restarted.coordinator.describeGroup('g')).toMatchObject({ state: 'Stable', generationId: 1, protocol: 'range', leaderId: joins[0].memberId });
    expect(restarted.coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: joins[1].memberId, groupInstanceId: null })).toBe(0);
    const sync: SyncGroupResult = await restarted.coordinator.syncGroup({ groupId: 'g', generationId: 1, memberId: joins[1].memberId, groupInstanceId: null, protocolType: null, protocolName: null, assignments: [] });
    expect(sync.assignment).toEqual(assignment('t', 1));
    expect(restarted.coordinator.fetchOffsets('g', null)[0].offset).toBe(42n);
    // Members that never come back are expired after their session timeout.
    restarted.clock.advance(6_000);
    expect(restarted.coordinator.heartbeat({ groupId: 'g', generationId: 1, memberId: joins[1].memberId, groupInstanceId: null })).toBe(0);
    restarted.clock.advance(4_000);
    expect(restarted.coordinator.describeGroup('g').members.map((m) => m.memberId)).toEqual([joins[1].memberId]);
  });
});

describe('GroupCoordinator events', () => {
  it('reports joins, state changes, rebalance start and completion with generation, members and duration', async () => {
    const env = setup();
    await stableGroup(env, 2);
    const types = env.events.map((e) => (e.type === 'group_state_changed' ? `${e.from}->${e.to}` : e.type));
    expect(types).toEqual([
      'member_joined',
      'Empty->PreparingRebalance',
      'rebalance_started',
      'member_joined',
      'PreparingRebalance->CompletingRebalance',
      'CompletingRebalance->Stable',
      'rebalance_completed',
    ]);
    const completed = env.events.find((e) => e.type === 'rebalance_completed')!;
    expect(completed).toMatchObject({ group_id: 'g', generation: 1, members: 2, protocol: 'range', duration_ms: 0 });
  });
});

