import { ErrorCode } from '@app/kafka-protocol';
import { consumerGroupSetup, heartbeatRequest, SimulatedMember } from '../testing/consumer-group-testing';

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('ConsumerGroupStateMachine (KIP-848) on a manual clock', () => {
  describe('requests refused before any group is touched', () => {
    const env = consumerGroupSetup({ t: 4 });
    it.each([
      ['an empty group id', { groupId: '' }, ErrorCode.INVALID_REQUEST, /GroupId/],
      ['a join without a subscription', { subscribedTopicNames: null }, ErrorCode.INVALID_REQUEST, /SubscribedTopicNames or SubscribedTopicRegex/],
      ['a join with an empty subscription', { subscribedTopicNames: [] }, ErrorCode.INVALID_REQUEST, /SubscribedTopicNames or SubscribedTopicRegex/],
      ['a join without a rebalance timeout', { rebalanceTimeoutMs: -1 }, ErrorCode.INVALID_REQUEST, /RebalanceTimeoutMs/],
      ['a join that claims partitions', { ownedPartitions: [{ topic: 't', partitions: [0] }] }, ErrorCode.INVALID_REQUEST, /TopicPartitions must be empty/],
      ['a v1 join without a member id', { clientGeneratesMemberId: true }, ErrorCode.INVALID_REQUEST, /MemberId/],
      ['a heartbeat without a member id', { memberEpoch: 3 }, ErrorCode.INVALID_REQUEST, /MemberId/],
      ['an epoch below -2', { memberId: 'x', memberEpoch: -3 }, ErrorCode.INVALID_REQUEST, /MemberEpoch/],
      ['a static leave without an instance id', { memberId: 'x', memberEpoch: -2 }, ErrorCode.INVALID_REQUEST, /InstanceId/],
      ['an empty instance id', { instanceId: '' }, ErrorCode.INVALID_REQUEST, /InstanceId/],
      ['an unknown server assignor', { serverAssignor: 'nope' }, ErrorCode.UNSUPPORTED_ASSIGNOR, /uniform, range/],
      ['a regex that does not compile', { subscribedTopicRegex: 't(' }, ErrorCode.INVALID_REGULAR_EXPRESSION, /t\(/],
    ])('%s', async (_name, overrides, errorCode, message) => {
      const result = await env.coordinator.consumer.heartbeat(heartbeatRequest(overrides));
      expect(result.errorCode).toBe(errorCode);
      expect(result.errorMessage).toMatch(message);
      expect(env.coordinator.groups.get('g')).toBeUndefined();
    });
  });

  it('a first member gets an id (v0), epoch 1 and every partition', async () => {
    const { coordinator, events } = consumerGroupSetup({ t: 4 });
    const a = new SimulatedMember(coordinator);
    const result = await a.join();
    expect(result).toMatchObject({ errorCode: 0, memberId: 'm1', memberEpoch: 1, heartbeatIntervalMs: 5_000 });
    expect(a.partitionsOf()).toEqual([0, 1, 2, 3]);
    const [description] = coordinator.consumer.describe(['g']);
    expect(description).toMatchObject({ state: 'Stable', groupEpoch: 1, assignmentEpoch: 1, assignorName: 'uniform' });
    expect(events.map((e) => e.type)).toEqual(['member_joined', 'rebalance_started', 'group_state_changed', 'rebalance_completed']);
  });

  it('a v1 member keeps the id it generated', async () => {
    const { coordinator } = consumerGroupSetup({ t: 2 });
    const result = await coordinator.consumer.heartbeat(heartbeatRequest({ memberId: 'client-made', clientGeneratesMemberId: true }));
    expect(result).toMatchObject({ errorCode: 0, memberId: 'client-made', memberEpoch: 1 });
  });

  it('revokes from the owner before assigning to the joiner (incremental reconciliation)', async () => {
    const { coordinator, events } = consumerGroupSetup({ t: 4 });
    const a = new SimulatedMember(coordinator);
    await a.join();
    const b = new SimulatedMember(coordinator);
    await b.join();
    // B is at the new epoch but gets nothing A still holds.
    expect(b.epoch).toBe(2);
    expect(b.partitionsOf()).toEqual([]);
    expect(coordinator.consumer.describe(['g'])[0].state).toBe('Reconciling');

    // A is told to give up half and stays at its epoch until it reports it did.
    const told = await a.heartbeat({ keepOwned: true });
    expect(told.memberEpoch).toBe(1);
    expect(told.assignment).toEqual([{ topic: 't', partitions: [0, 1] }]);
    expect((await b.heartbeat()).assignment).toBeNull();
    expect(b.partitionsOf()).toEqual([]);

    // A acknowledges: it moves to epoch 2; only then B gets the released partitions.
    a.owned = told.assignment!;
    expect((await a.heartbeat()).memberEpoch).toBe(2);
    expect((await b.heartbeat()).assignment).toEqual([{ topic: 't', partitions: [2, 3] }]);
    expect(coordinator.consumer.describe(['g'])[0]).toMatchObject({ state: 'Stable', groupEpoch: 2, assignmentEpoch: 2 });
    expect(events.filter((e) => e.type === 'rebalance_completed')).toHaveLength(2);
  });

  it('members joining in one turn of the event loop are assigned by one target at one epoch, with nothing to revoke', async () => {
    const { coordinator, events } = consumerGroupSetup({ t: 6 });
    const members = [0, 1, 2].map(() => new SimulatedMember(coordinator));
    const answers = await Promise.all(members.map((m) => m.join()));
    expect(answers.map((a) => a.memberEpoch)).toEqual([3, 3, 3]);
    expect(members.map((m) => m.partitionsOf().length)).toEqual([2, 2, 2]);
    expect(new Set(members.flatMap((m) => m.partitionsOf())).size).toBe(6);
    expect(coordinator.consumer.describe(['g'])[0]).toMatchObject({ state: 'Stable', groupEpoch: 3, assignmentEpoch: 3 });
    expect(events.filter((e) => e.type === 'rebalance_completed')).toHaveLength(1);
  });

  it('a member that leaves (epoch -1) hands its partitions to the others', async () => {
    const { coordinator, events } = consumerGroupSetup({ t: 4 });
    const [a, b] = [new SimulatedMember(coordinator), new SimulatedMember(coordinator)];
    await a.join();
    await b.join();
    await a.heartbeat();
    await b.heartbeat();
    expect(await b.leave()).toMatchObject({ errorCode: 0, memberEpoch: -1 });
    await a.heartbeat();
    expect(a.partitionsOf()).toEqual([0, 1, 2, 3]);
    expect(a.epoch).toBe(3);
    expect(events.find((e) => e.type === 'member_left')).toMatchObject({ member_id: b.memberId, reason: 'the member left the group' });
    expect((await b.heartbeat()).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('a member silent for the session timeout expires; a heartbeat in time keeps it', async () => {
    const { coordinator, clock, events } = consumerGroupSetup({ t: 2 }, { consumerSessionTimeoutMs: 10_000 });
    const [a, b] = [new SimulatedMember(coordinator), new SimulatedMember(coordinator)];
    await a.join();
    await b.join();
    for (let i = 0; i < 5; i++) {
      clock.advance(6_000);
      await a.heartbeat();
    }
    expect(coordinator.consumer.describe(['g'])[0].members.map((m) => m.memberId)).toEqual([a.memberId]);
    expect(events.find((e) => e.type === 'member_expired')).toMatchObject({ member_id: b.memberId, reason: 'session timeout' });
    expect(a.partitionsOf()).toEqual([0, 1]);
  });

  it('a member that does not revoke within its rebalance timeout is fenced, and the partitions move on', async () => {
    const { coordinator, clock, events } = consumerGroupSetup({ t: 2 });
    const a = new SimulatedMember(coordinator, { rebalanceTimeoutMs: 5_000 });
    await a.join();
    const b = new SimulatedMember(coordinator);
    await b.join();
    await a.heartbeat({ keepOwned: true });
    clock.advance(3_000);
    await a.heartbeat({ keepOwned: true });
    await b.heartbeat();
    expect(b.partitionsOf()).toEqual([]);
    clock.advance(2_000);
    expect(events.find((e) => e.type === 'member_expired')).toMatchObject({ member_id: a.memberId, reason: 'partitions not revoked within the rebalance timeout' });
    await b.heartbeat();
    expect(b.partitionsOf()).toEqual([0, 1]);
    expect((await a.heartbeat()).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('fences a heartbeat from a future epoch or an older one that owns too much; accepts the previous epoch with a subset', async () => {
    const { coordinator } = consumerGroupSetup({ t: 4 });
    const a = new SimulatedMember(coordinator);
    await a.join();
    const b = new SimulatedMember(coordinator);
    await b.join();
    const hb = (memberEpoch: number, owned: number[]) =>
      coordinator.consumer.heartbeat(heartbeatRequest({ memberId: b.memberId, memberEpoch, rebalanceTimeoutMs: -1, subscribedTopicNames: null, ownedPartitions: [{ topic: 't', partitions: owned }] }));
    expect((await hb(3, [])).errorCode).toBe(ErrorCode.FENCED_MEMBER_EPOCH);
    // B went from epoch 0 to 2: "previous epoch" 0 is only a join.
    expect((await hb(1, [])).errorCode).toBe(ErrorCode.FENCED_MEMBER_EPOCH);
    await a.heartbeat();
    await b.heartbeat();
    await a.heartbeat();
    await b.heartbeat();
    const c = new SimulatedMember(coordinator);
    await c.join();
    await a.heartbeat();
    await b.heartbeat();
    // B moved from 2 to its next epoch; a heartbeat at 2 owning only what it still has is fine, owning more is not.
    expect(b.epoch).toBe(3);
    expect((await hb(2, b.partitionsOf())).errorCode).toBe(0);
    expect((await hb(2, [0, 1, 2, 3])).errorCode).toBe(ErrorCode.FENCED_MEMBER_EPOCH);
  });

  it('a static member that leaves with -2 and comes back under a new id keeps its epoch and partitions', async () => {
    const { coordinator, events } = consumerGroupSetup({ t: 4 });
    const a = new SimulatedMember(coordinator, { instanceId: 'i-a' });
    const b = new SimulatedMember(coordinator, { instanceId: 'i-b' });
    await a.join();
    await b.join();
    await a.heartbeat();
    await b.heartbeat();
    await a.heartbeat();
    await b.heartbeat();
    const before = { epoch: b.epoch, partitions: b.partitionsOf() };
    expect(before).toEqual({ epoch: 2, partitions: [2, 3] });
    const groupEpoch = coordinator.consumer.describe(['g'])[0].groupEpoch;

    // While B is active, its instance id cannot be taken.
    const thief = new SimulatedMember(coordinator, { instanceId: 'i-b' });
    expect((await thief.join()).errorCode).toBe(ErrorCode.UNRELEASED_INSTANCE_ID);

    expect(await b.leave(-2)).toMatchObject({ errorCode: 0, memberEpoch: -2 });
    const back = new SimulatedMember(coordinator, { instanceId: 'i-b' });
    const result = await back.join();
    expect(result.errorCode).toBe(0);
    expect(back.memberId).not.toBe(b.memberId);
    expect({ epoch: back.epoch, partitions: back.partitionsOf() }).toEqual(before);
    expect(coordinator.consumer.describe(['g'])[0].groupEpoch).toBe(groupEpoch);
    expect(events.filter((e) => e.type === 'rebalance_started')).toHaveLength(2);
    // The old id is gone; a heartbeat naming the instance under another id is fenced.
    expect((await b.heartbeat()).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    const wrong = await coordinator.consumer.heartbeat(heartbeatRequest({ memberId: a.memberId, memberEpoch: a.epoch, instanceId: 'i-b', ownedPartitions: a.owned }));
    expect(wrong.errorCode).toBe(ErrorCode.FENCED_INSTANCE_ID);
  });

  it('a restarted coordinator gives members back their epochs and partitions from the group log', async () => {
    const env = consumerGroupSetup({ t: 4 });
    const a = new SimulatedMember(env.coordinator, { instanceId: 'i-a' });
    const b = new SimulatedMember(env.coordinator);
    await a.join();
    await b.join();
    await a.heartbeat({ keepOwned: true });
    await b.heartbeat();
    const writes = env.store.writes;
    await b.heartbeat();
    expect(env.store.writes).toBe(writes);
    const before = env.coordinator.consumer.describe(['g'])[0];
    expect(before.state).toBe('Reconciling');

    // A new coordinator over what the store holds; the old one is gone.
    env.coordinator.shutdown();
    const restarted = consumerGroupSetup({ t: 4 });
    restarted.coordinator.restore(env.store.load());
    expect(restarted.coordinator.consumer.describe(['g'])[0]).toEqual(before);
    for (const m of [a, b]) (m as unknown as { coordinator: unknown }).coordinator = restarted.coordinator;
    // A still owes its revocation; once it acknowledges, B gets the rest, with no new group epoch.
    a.owned = a.last!.assignment!;
    await a.heartbeat();
    await b.heartbeat();
    expect([a.partitionsOf(), b.partitionsOf()]).toEqual([[0, 1], [2, 3]]);
    expect(restarted.coordinator.consumer.describe(['g'])[0]).toMatchObject({ state: 'Stable', groupEpoch: before.groupEpoch });
    // Restored members still expire when they stop heartbeating.
    restarted.clock.advance(45_000);
    expect(restarted.coordinator.consumer.describe(['g'])[0].members).toEqual([]);
  });

  it('a regex subscription follows topics as they are created', async () => {
    const { coordinator, topics } = consumerGroupSetup({ 'orders-eu': 2, 'orders-us': 1, payments: 3 });
    const a = new SimulatedMember(coordinator, { subscribedTopicNames: null, subscribedTopicRegex: 'orders-.*' });
    await a.join();
    expect(a.owned).toEqual([
      { topic: 'orders-eu', partitions: [0, 1] },
      { topic: 'orders-us', partitions: [0] },
    ]);
    topics.set('orders-asia', 2);
    topics.set('orders', 1);
    await a.heartbeat();
    expect(a.owned.map((tp) => tp.topic)).toEqual(['orders-asia', 'orders-eu', 'orders-us']);
    expect(coordinator.consumer.describe(['g'])[0].members[0]).toMatchObject({ subscribedTopicRegex: 'orders-.*', subscribedTopicNames: [] });
  });

  it('a topic that gains partitions moves the group epoch and the new partitions are assigned', async () => {
    const { coordinator, topics } = consumerGroupSetup({ t: 2 });
    const a = new SimulatedMember(coordinator);
    await a.join();
    topics.set('t', 3);
    await a.heartbeat();
    expect(a).toMatchObject({ epoch: 2, owned: [{ topic: 't', partitions: [0, 1, 2] }] });
  });

  it('uses the assignor the members ask for: range gives contiguous blocks', async () => {
    const { coordinator } = consumerGroupSetup({ t: 6 });
    const members = [0, 1, 2].map(() => new SimulatedMember(coordinator, { serverAssignor: 'range' }));
    for (const m of members) await m.join();
    for (let round = 0; round < 3; round++) for (const m of members) await m.heartbeat();
    expect(members.map((m) => m.partitionsOf())).toEqual([[0, 1], [2, 3], [4, 5]]);
    expect(coordinator.consumer.describe(['g'])[0].assignorName).toBe('range');
  });

  describe('offset commits are fenced by member epoch', () => {
    const commit = (coordinatorEnv: ReturnType<typeof consumerGroupSetup>, memberId: string, generationId: number, apiVersion = 9) =>
      coordinatorEnv.coordinator.commitOffsets({
        groupId: 'g',
        generationId,
        memberId,
        groupInstanceId: null,
        retentionTimeMs: -1,
        apiVersion,
        offsets: [{ topic: 't', partition: 0, offset: 5n, leaderEpoch: -1, metadata: null, commitTimestamp: -1 }],
      });

    it('accepts the current epoch and refuses stale epochs, strangers and old versions', async () => {
      const env = consumerGroupSetup({ t: 2 });
      const a = new SimulatedMember(env.coordinator);
      await a.join();
      expect((await commit(env, a.memberId, a.epoch))[0].errorCode).toBe(0);
      const b = new SimulatedMember(env.coordinator);
      await b.join();
      await a.heartbeat();
      await a.heartbeat();
      expect(a.epoch).toBe(2);
      expect((await commit(env, a.memberId, 1))[0].errorCode).toBe(ErrorCode.STALE_MEMBER_EPOCH);
      expect((await commit(env, 'stranger', 2))[0].errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
      expect((await commit(env, a.memberId, 2, 8))[0].errorCode).toBe(ErrorCode.UNSUPPORTED_VERSION);
      // An admin commit (no member, epoch -1) only once the group is empty.
      expect((await commit(env, '', -1))[0].errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
      await a.leave();
      await b.leave();
      expect((await commit(env, '', -1))[0].errorCode).toBe(0);
      expect(env.coordinator.fetchOffsets('g', null)).toMatchObject([{ topic: 't', partition: 0, offset: 5n }]);
    });
  });

  describe('classic and consumer groups side by side', () => {
    const classicJoin = (env: ReturnType<typeof consumerGroupSetup>, groupId: string) =>
      env.coordinator.joinGroup({
        groupId,
        memberId: '',
        groupInstanceId: null,
        clientId: 'c',
        clientHost: '/127.0.0.1',
        sessionTimeoutMs: 10_000,
        rebalanceTimeoutMs: 10_000,
        protocolType: 'consumer',
        protocols: [{ name: 'range', metadata: Buffer.alloc(0) }],
        requireKnownMemberId: false,
      });

    it('a classic member cannot join a consumer group with members; a consumer member cannot join a classic one', async () => {
      const env = consumerGroupSetup({ t: 2 });
      new SimulatedMember(env.coordinator).join();
      const classic = await classicJoin(env, 'g');
      expect(classic.errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);

      const pending = classicJoin(env, 'classic');
      env.clock.advance(0);
      await pending;
      const result = await env.coordinator.consumer.heartbeat(heartbeatRequest({ groupId: 'classic' }));
      expect(result).toMatchObject({ errorCode: ErrorCode.GROUP_ID_NOT_FOUND, errorMessage: 'Group classic is not a consumer group.' });
    });

    it('an empty consumer group is taken over by classic members and the other way round', async () => {
      const env = consumerGroupSetup({ t: 2 });
      const a = new SimulatedMember(env.coordinator);
      await a.join();
      await a.leave();
      const join = classicJoin(env, 'g');
      env.clock.advance(0);
      expect((await join).errorCode).toBe(0);
      expect(env.coordinator.groups.get('g')?.consumer).toBeNull();
      expect(env.coordinator.describeGroup('g')).toMatchObject({ protocolType: 'consumer', members: [{ clientId: 'c' }] });
    });

    it('DescribeGroups shows consumer-protocol members in the classic shape; DeleteGroups refuses a group with members', async () => {
      const env = consumerGroupSetup({ t: 2 });
      const a = new SimulatedMember(env.coordinator);
      await a.join();
      const summary = env.coordinator.describeGroup('g');
      expect(summary).toMatchObject({ state: 'Stable', protocolType: 'consumer', protocol: 'uniform', generationId: 1, members: [{ memberId: a.memberId }] });
      expect(env.coordinator.stats().members).toBe(1);
      expect(await env.coordinator.deleteGroups(['g'])).toEqual([{ groupId: 'g', errorCode: ErrorCode.NON_EMPTY_GROUP }]);
      await a.leave();
      await flush();
      expect(await env.coordinator.deleteGroups(['g'])).toEqual([{ groupId: 'g', errorCode: 0 }]);
      expect(env.coordinator.consumer.describe(['g'])[0].errorCode).toBe(ErrorCode.GROUP_ID_NOT_FOUND);
    });
  });
});
