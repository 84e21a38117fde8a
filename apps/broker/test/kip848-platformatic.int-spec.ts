import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  ApiKey,
  ErrorCode,
  uuidFromBytes,
  type ConsumerGroupDescribeResponse,
  type ConsumerGroupDescribeResponseDescribedGroup,
  type ConsumerGroupHeartbeatRequest,
  type ConsumerGroupHeartbeatResponse,
  type CreateTopicsResponse,
  type DescribeGroupsResponse,
  type OffsetCommitResponse,
  type OffsetFetchResponse,
} from '@app/kafka-protocol';
import { BROKER_START_TIMEOUT_MS, killAllBrokerChildren, startBrokerChild, type BrokerChild } from './log-broker-child';
import { consumerGroupHeartbeatRequest, ProtocolClient, waitFor } from '@app/testing';

const SCRIPT = join(__dirname, 'compat-platformatic-consumer-protocol.mjs');
/** The broker's heartbeat interval for consumer groups (Kafka's default is 5 s): the clients follow it. */
const HEARTBEAT_INTERVAL_MS = 500;
/** Short, so that the expiry test waits seconds, not Kafka's 45. */
const SESSION_TIMEOUT_MS = 4_000;

interface ConsumerState {
  name: string;
  memberId: string | null;
  assignments: Array<{ topic: string; partitions: number[] }>;
  consumed: number;
  errors: string[];
  heartbeats: number;
}
interface Consumed {
  key: string;
  partition: number;
  offset: number;
}

/**
 * compat-platformatic-consumer-protocol.mjs as a session: one JSON command per line in, one JSON answer per line
 * out. Every call is bounded; a call that fails or times out says which command it was and what the script wrote
 * on stderr.
 */
class ClientSession {
  private readonly child: ChildProcess;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private readonly stderr: string[] = [];

  constructor() {
    this.child = spawn(process.execPath, [SCRIPT], { stdio: ['pipe', 'pipe', 'pipe'] });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      let reply: { id: number; result?: unknown; error?: string };
      try {
        reply = JSON.parse(line);
      } catch {
        this.stderr.push(`(stdout) ${line}`);
        return;
      }
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if (reply.error !== undefined) waiter?.reject(new Error(reply.error));
      else waiter?.resolve(reply.result);
    });
    createInterface({ input: this.child.stderr! }).on('line', (line) => this.stderr.push(line));
    this.child.once('exit', (code, signal) => {
      for (const w of this.waiting.values()) w.reject(new Error(`client script exited (${code ?? signal}); stderr: ${this.stderr.slice(-20).join('\n')}`));
      this.waiting.clear();
    });
  }

  call<T>(op: string, args: Record<string, unknown> = {}, timeoutMs = 20_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`client command ${op} ${JSON.stringify(args)} got no answer within ${timeoutMs} ms; stderr: ${this.stderr.slice(-20).join('\n')}`));
      }, timeoutMs);
      this.waiting.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(new Error(`client command ${op} ${JSON.stringify(args)} failed: ${e.message}`));
        },
      });
      this.child.stdin!.write(`${JSON.stringify({ id, op, ...args })}\n`);
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.call('exit', {}, 10_000).catch(() => this.child.kill('SIGKILL'));
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

/** Polls `probe` until it returns something other than undefined; on timeout the error shows the last value seen. */
function until<T>(what: string, probe: () => Promise<{ done: T | undefined; seen: unknown }>, timeoutMs = 15_000): Promise<T> {
  return waitFor(
    async () => {
      const r = await probe();
      if (r.done === undefined) throw new Error(`last seen: ${JSON.stringify(r.seen)}`);
      return r.done;
    },
    { timeoutMs, intervalMs: 100, what },
  );
}

/** Messages read more than once, with who read them at which offset: [key, ['A@p:offset', ...]]. */
const duplicatesOf = (read: Array<Consumed & { by: string }>) => {
  const by = new Map<string, string[]>();
  for (const m of read) by.set(m.key, [...(by.get(m.key) ?? []), `${m.by}@${m.partition}:${m.offset}`]);
  return [...by].filter(([, seen]) => seen.length > 1).slice(0, 10);
};
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const partitionsOf = (state: ConsumerState | undefined, topic: string) => sorted(state?.assignments.find((a) => a.topic === topic)?.partitions ?? []);

/** A member's owned partitions as ConsumerGroupDescribe reports them, for one topic. */
const describedPartitions = (m: ConsumerGroupDescribeResponseDescribedGroup['members'][number], topic: string) =>
  sorted(m.assignment.topicPartitions.filter((tp) => tp.topicName === topic).flatMap((tp) => tp.partitions));

describe('KIP-848 consumer groups: @platformatic/kafka with groupProtocol "consumer", and raw ConsumerGroupHeartbeat frames', () => {
  let dataDir: string;
  let broker: BrokerChild;
  let port: number;
  let raw: ProtocolClient;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kip848-platformatic-'));
    broker = await startBrokerChild({
      BROKER_DATA_DIR: dataDir,
      BROKER_GROUP_CONSUMER_HEARTBEAT_INTERVAL_MS: String(HEARTBEAT_INTERVAL_MS),
      BROKER_GROUP_CONSUMER_SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS),
    });
    port = Number(broker.bootstrap.split(':')[1]);
    raw = await ProtocolClient.connect(port);
  }, BROKER_START_TIMEOUT_MS);

  afterAll(async () => {
    raw?.close();
    await killAllBrokerChildren();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const describeGroup = async (groupId: string) => {
    const res = await raw.send<ConsumerGroupDescribeResponse>(ApiKey.ConsumerGroupDescribe, 0, { groupIds: [groupId], includeAuthorizedOperations: false });
    return res.groups[0];
  };
  const committedOffsets = async (groupId: string, topic: string, partitions: number) => {
    const res = await raw.send<OffsetFetchResponse>(ApiKey.OffsetFetch, 1, { groupId, topics: [{ name: topic, partitionIndexes: range(partitions) }] });
    return sorted(res.topics![0].partitions.map((p) => p.partitionIndex)).map((i) => Number(res.topics![0].partitions.find((p) => p.partitionIndex === i)!.committedOffset));
  };
  /** Waits until ConsumerGroupDescribe shows the group Stable with `members` members, each at the group epoch. */
  const stableGroup = (groupId: string, members: number, timeoutMs = 15_000) =>
    until(
      `${groupId} Stable with ${members} member(s) at the group epoch (ConsumerGroupDescribe)`,
      async () => {
        const g = await describeGroup(groupId);
        const seen = {
          errorCode: g.errorCode,
          state: g.groupState,
          groupEpoch: g.groupEpoch,
          assignmentEpoch: g.assignmentEpoch,
          members: g.members.map((m) => ({ id: m.memberId, epoch: m.memberEpoch, owned: m.assignment.topicPartitions.map((tp) => `${tp.topicName}:${tp.partitions}`) })),
        };
        const done =
          g.errorCode === 0 &&
          g.groupState === 'Stable' &&
          g.members.length === members &&
          g.assignmentEpoch === g.groupEpoch &&
          g.members.every((m) => m.memberEpoch === g.groupEpoch)
            ? g
            : undefined;
        return { done, seen };
      },
      timeoutMs,
    );

  it('two consumers share six partitions 3/3, read each message once, commit with their epochs, and the survivor takes everything back when one leaves', async () => {
    const topic = 'kip848-platformatic';
    const groupId = 'kip848-platformatic-group';
    const client = new ClientSession();
    try {
      await client.call('init', { bootstrap: broker.bootstrap });
      const created = await client.call<{ name: string; id: string; partitions: number }>('createTopic', { topic, partitions: 6 });
      expect(created).toMatchObject({ name: topic, partitions: 6 });

      const state = async () => {
        const all = await client.call<ConsumerState[]>('state');
        return { A: all.find((c) => c.name === 'A'), B: all.find((c) => c.name === 'B'), all };
      };
      const produce = (prefix: string, count: number) =>
        client.call('produce', { topic, messages: range(count).map((i) => ({ key: `${prefix}-${i}`, value: `v-${prefix}-${i}`, partition: i % 6 })) });

      // Phase 1: 30 messages before anyone reads, then A alone owns all six partitions.
      await produce('p1', 30);
      await client.call('startConsumer', { name: 'A', groupId, topic });
      await until('consumer A to own all 6 partitions', async () => {
        const s = await state();
        return { done: partitionsOf(s.A, topic).length === 6 ? true : undefined, seen: s.all };
      });
      const one = await stableGroup(groupId, 1);
      expect(one.assignorName).toBe('uniform');
      expect(one.members[0]).toMatchObject({ clientId: 'platformatic-kip848-A', subscribedTopicNames: [topic], subscribedTopicRegex: null, instanceId: null });
      expect(describedPartitions(one.members[0], topic)).toEqual(range(6));
      expect(uuidFromBytes(one.members[0].assignment.topicPartitions[0].topicId)).toBe(created.id);
      const memberA = one.members[0].memberId;
      expect((await state()).A!.memberId).toBe(memberA);

      await until('consumer A to read the 30 phase-1 messages', async () => {
        const s = await state();
        return { done: s.A!.consumed >= 30 ? true : undefined, seen: s.all };
      });
      // OffsetCommit v9 carries A's member epoch; the broker stores the next offset to read.
      expect(await client.call('commit', { name: 'A' })).toEqual(range(6).map((p) => ({ topic, partition: p, offset: 5 })));
      expect(await committedOffsets(groupId, topic, 6)).toEqual([5, 5, 5, 5, 5, 5]);

      // Phase 2: B joins; A gives up three partitions before B gets them.
      await client.call('startConsumer', { name: 'B', groupId, topic });
      const split = await until('A and B to own 3 partitions each, together all 6', async () => {
        const s = await state();
        const a = partitionsOf(s.A, topic);
        const b = partitionsOf(s.B, topic);
        const done = a.length === 3 && b.length === 3 && sorted([...a, ...b]).join() === range(6).join() ? { a, b } : undefined;
        return { done, seen: s.all };
      });
      const two = await stableGroup(groupId, 2);
      expect(two.groupEpoch).toBeGreaterThan(one.groupEpoch);
      const memberB = (await state()).B!.memberId!;
      const described = Object.fromEntries(two.members.map((m) => [m.memberId, describedPartitions(m, topic)]));
      expect(described).toEqual({ [memberA]: split.a, [memberB]: split.b });

      // A Fetch that A sent before giving up its three partitions (a long poll, maxWaitTime 200 ms) still asks for
      // them; the client hands over whatever it returns, even for partitions revoked meanwhile. Produce only once such
      // a fetch has come back, or A reads B's new messages too (docs/kafka-clients.md).
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await produce('p2', 60);
      await until('A and B together to read the 60 phase-2 messages', async () => {
        const s = await state();
        return { done: s.A!.consumed + s.B!.consumed >= 90 ? true : undefined, seen: s.all };
      });
      // A fetch still under way would show up here as a duplicate: give it a few fetch rounds.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const readByA = await client.call<Consumed[]>('consumed', { name: 'A' });
      const readByB = await client.call<Consumed[]>('consumed', { name: 'B' });
      const keys = [...readByA, ...readByB].map((m) => m.key);
      const clientErrors = (await state()).all.map((c) => ({ name: c.name, errors: c.errors }));
      expect({ count: keys.length, distinct: new Set(keys).size, duplicates: duplicatesOf([...readByA.map((m) => ({ ...m, by: 'A' })), ...readByB.map((m) => ({ ...m, by: 'B' }))]), clientErrors }).toEqual({
        count: 90,
        distinct: 90,
        duplicates: [],
        clientErrors: [
          { name: 'A', errors: [] },
          { name: 'B', errors: [] },
        ],
      });
      // B started at A's commits: it read none of phase 1, and each consumer read only its own partitions in phase 2.
      expect(readByB.filter((m) => m.key.startsWith('p1-'))).toEqual([]);
      expect(readByB.every((m) => split.b.includes(m.partition))).toBe(true);
      expect(readByA.filter((m) => m.key.startsWith('p2-')).every((m) => split.a.includes(m.partition))).toBe(true);

      const commitA = await client.call<Array<{ partition: number; offset: number }>>('commit', { name: 'A' });
      const commitB = await client.call<Array<{ partition: number; offset: number }>>('commit', { name: 'B' });
      expect(commitB).toEqual(split.b.map((partition) => ({ topic, partition, offset: 15 })));
      expect(commitA).toEqual(split.a.map((partition) => ({ topic, partition, offset: 15 })));
      expect(await committedOffsets(groupId, topic, 6)).toEqual([15, 15, 15, 15, 15, 15]);
      expect(await client.call('groupOffsets', { groupId })).toEqual([{ groupId, topics: [{ name: topic, partitions: range(6).map((p) => [p, 15]) }] }]);
      expect(await client.call('listCommitted', { name: 'B', topic, partitions: range(6) })).toEqual({ [topic]: [15, 15, 15, 15, 15, 15] });

      // ListGroups v5 with TypesFilter: the group is a consumer group, not a classic one.
      const consumerGroups = await client.call<Array<{ id: string; state: string; groupType: string; protocolType: string }>>('listGroups', { types: ['consumer'] });
      expect(consumerGroups).toContainEqual({ id: groupId, state: 'STABLE', groupType: 'consumer', protocolType: 'consumer' });
      const classicGroups = await client.call<Array<{ id: string }>>('listGroups', { types: ['classic'] });
      expect(classicGroups.map((g) => g.id)).not.toContain(groupId);

      // Phase 3: B leaves (ConsumerGroupHeartbeat with member epoch -1); A takes all six back, resuming at B's commits.
      await client.call('closeConsumer', { name: 'B' });
      await until('A to own all 6 partitions again after B left', async () => {
        const s = await state();
        return { done: partitionsOf(s.A, topic).length === 6 ? true : undefined, seen: s.all };
      });
      const back = await stableGroup(groupId, 1);
      expect(back.members.map((m) => m.memberId)).toEqual([memberA]);
      expect(back.groupEpoch).toBeGreaterThan(two.groupEpoch);

      await produce('p3', 12);
      await until('A to read the 12 phase-3 messages', async () => {
        const read = await client.call<Consumed[]>('consumed', { name: 'A' });
        const p3 = read.filter((m) => m.key.startsWith('p3-')).length;
        return { done: p3 >= 12 ? true : undefined, seen: { p3, total: read.length } };
      });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const finalA = await client.call<Consumed[]>('consumed', { name: 'A' });
      const all = [...finalA, ...readByB].map((m) => m.key);
      // 30 + 60 + 12 messages, each read once: A did not read B's phase-2 messages again after taking its partitions.
      expect({ count: all.length, distinct: new Set(all).size, duplicates: duplicatesOf([...finalA.map((m) => ({ ...m, by: 'A' })), ...readByB.map((m) => ({ ...m, by: 'B' }))]) }).toEqual({
        count: 102,
        distinct: 102,
        duplicates: [],
      });

      const { all: finalState } = await state();
      expect(finalState.flatMap((c) => c.errors)).toEqual([]);
      expect(finalState.find((c) => c.name === 'A')!.heartbeats).toBeGreaterThan(3);

      await client.call('closeConsumer', { name: 'A' });
      const empty = await until(`${groupId} Empty after both left`, async () => {
        const g = await describeGroup(groupId);
        return { done: g.groupState === 'Empty' ? g : undefined, seen: { state: g.groupState, members: g.members.length } };
      });
      expect(empty.members).toEqual([]);
      const afterLeave = await client.call<Array<{ id: string; state: string }>>('listGroups', { types: ['consumer'] });
      expect(afterLeave.find((g) => g.id === groupId)?.state).toBe('EMPTY');
      // The commits outlive the members.
      expect(await committedOffsets(groupId, topic, 6)).toEqual([15, 15, 15, 15, 15, 15]);
    } finally {
      await client.stop();
    }
  }, 120_000);

  describe('raw ConsumerGroupHeartbeat frames', () => {
    const topic = 'kip848-raw';
    let topicId: Buffer;

    beforeAll(async () => {
      const res = await raw.send<CreateTopicsResponse>(ApiKey.CreateTopics, 7, {
        topics: [{ name: topic, numPartitions: 6, replicationFactor: 1, assignments: [], configs: [] }],
        timeoutMs: 10_000,
        validateOnly: false,
      });
      expect(res.topics[0].errorCode).toBe(0);
      topicId = res.topics[0].topicId!;
    });

    /** A full heartbeat, as a member sends it when joining (epoch 0) or acknowledging what it owns. */
    const heartbeat = (over: Partial<ConsumerGroupHeartbeatRequest> & { groupId: string }, version = 1) =>
      raw.send<ConsumerGroupHeartbeatResponse>(
        ApiKey.ConsumerGroupHeartbeat,
        version,
        consumerGroupHeartbeatRequest({ memberId: randomUUID(), memberEpoch: 0, rebalanceTimeoutMs: 30_000, subscribedTopicNames: [topic], topicPartitions: [], ...over }),
      );
    const owned = (partitions: number[]) => (partitions.length ? [{ topicId, partitions }] : []);
    const assigned = (res: ConsumerGroupHeartbeatResponse) =>
      sorted((res.assignment?.topicPartitions ?? []).filter((tp) => tp.topicId.equals(topicId)).flatMap((tp) => tp.partitions));
    /** What the member owns after this answer: an answer without an assignment (null) leaves it unchanged. */
    const next = (res: ConsumerGroupHeartbeatResponse, before: number[]) => (res.errorCode === 0 && res.assignment ? assigned(res) : before);
    const summary = (res: ConsumerGroupHeartbeatResponse) => ({ errorCode: res.errorCode, errorMessage: res.errorMessage, memberEpoch: res.memberEpoch, assigned: assigned(res) });

    it('refuses bad requests with the errors Kafka gives', async () => {
      const groupId = 'kip848-bad';
      const existing = 'kip848-v0';
      // v0: the member id may be empty at epoch 0, the broker makes one (v1: the client makes its own).
      const v0 = await heartbeat({ groupId: existing, memberId: '' }, 0);
      expect(v0.errorCode).toBe(0);
      expect(v0.memberId).toMatch(/.+/);
      expect(v0.memberEpoch).toBeGreaterThan(0);

      // Kafka's GroupMetadataManager.throwIfConsumerGroupHeartbeatRequestIsInvalid and the member lookups; every
      // case is answered, so one failure shows all the answers that differ.
      const cases: Array<[string, Partial<ConsumerGroupHeartbeatRequest> & { groupId: string }, number, number?]> = [
        ['empty group id', { groupId: '' }, ErrorCode.INVALID_REQUEST],
        ['epoch 0 without subscription (names null, no regex)', { groupId, subscribedTopicNames: null }, ErrorCode.INVALID_REQUEST],
        ['epoch 0 with an empty subscription', { groupId, subscribedTopicNames: [] }, ErrorCode.INVALID_REQUEST],
        ['epoch 0 with rebalance timeout -1', { groupId, rebalanceTimeoutMs: -1 }, ErrorCode.INVALID_REQUEST],
        ['epoch 0 with owned partitions null', { groupId, topicPartitions: null }, ErrorCode.INVALID_REQUEST],
        ['epoch 0 owning partitions', { groupId, topicPartitions: [{ topicId, partitions: [0] }] }, ErrorCode.INVALID_REQUEST],
        ['v1 with an empty member id', { groupId, memberId: '' }, ErrorCode.INVALID_REQUEST],
        ['empty instance id', { groupId, instanceId: '' }, ErrorCode.INVALID_REQUEST],
        ['member epoch -3', { groupId: existing, memberEpoch: -3 }, ErrorCode.INVALID_REQUEST],
        ['unknown server assignor', { groupId, serverAssignor: 'nope' }, ErrorCode.UNSUPPORTED_ASSIGNOR],
        ['unknown member at epoch 1', { groupId: existing, memberEpoch: 1 }, ErrorCode.UNKNOWN_MEMBER_ID],
        ['epoch 1 in a group that does not exist', { groupId: 'kip848-nowhere', memberEpoch: 1 }, ErrorCode.GROUP_ID_NOT_FOUND],
      ];
      const answers = [];
      for (const [what, request, expected] of cases) {
        const res = await heartbeat(request);
        answers.push({ what, expected, got: res.errorCode, message: res.errorMessage });
      }
      expect(answers.filter((a) => a.got !== a.expected)).toEqual([]);
      // ConsumerGroupDescribe of a group that does not exist.
      expect((await describeGroup('kip848-no-such-group')).errorCode).toBe(ErrorCode.GROUP_ID_NOT_FOUND);
    });

    it('assigns the partitions of the topics a regex subscription matches (v1 SubscribedTopicRegex)', async () => {
      const groupId = 'kip848-regex';
      const memberId = randomUUID();
      let epoch = 0;
      let mine: number[] = [];
      // Kafka resolves a new regex asynchronously: the first answers may come without the partitions.
      await until('the regex member to be given the 6 partitions of kip848-raw', async () => {
        const res =
          epoch === 0
            ? await heartbeat({ groupId, memberId, subscribedTopicNames: null, subscribedTopicRegex: 'kip848-r.*' })
            : await heartbeat({ groupId, memberId, memberEpoch: epoch, subscribedTopicNames: null, subscribedTopicRegex: 'kip848-r.*', topicPartitions: owned(mine) });
        if (res.errorCode !== 0) throw new Error(`heartbeat answered ${res.errorCode} ${res.errorMessage}`);
        epoch = res.memberEpoch;
        mine = next(res, mine);
        return { done: mine.length === 6 ? true : undefined, seen: summary(res) };
      });
      const g = await describeGroup(groupId);
      expect(g.members[0]).toMatchObject({ memberId, subscribedTopicRegex: 'kip848-r.*' });
      expect(describedPartitions(g.members[0], topic)).toEqual(range(6));
      // A regex that does not compile.
      const bad = await heartbeat({ groupId: 'kip848-regex-bad', subscribedTopicNames: null, subscribedTopicRegex: '(' });
      expect(bad.errorCode).toBe(ErrorCode.INVALID_REGULAR_EXPRESSION);
    });

    it('shows a consumer group through the classic DescribeGroups (v5) too, in a shape the client reads', async () => {
      const groupId = 'kip848-classic-describe';
      const joined = await heartbeat({ groupId });
      expect(joined.errorCode).toBe(0);
      // A deliberate difference from Kafka, which answers v0-5 with a Dead group and no members: tools that only
      // know the classic APIs (kafkajs's admin, and monitor-api through it) see the members and their partitions.
      // The member metadata and assignment carry empty user data: this client's describeGroups parser throws inside
      // its socket callback on a null one, which ends the process, so it is asked in a session of its own.
      const described = await raw.send<DescribeGroupsResponse>(ApiKey.DescribeGroups, 5, { groups: [groupId], includeAuthorizedOperations: false });
      const probe = new ClientSession();
      let describedByClient: unknown;
      try {
        await probe.call('init', { bootstrap: broker.bootstrap });
        describedByClient = await probe.call('describeGroups', { groupId }).catch((err: Error) => ({ crashed: err.message.split('\n').slice(0, 3).join(' ') }));
      } finally {
        await probe.stop();
      }
      expect({
        raw: described.groups.map((g) => ({ errorCode: g.errorCode, state: g.groupState, protocolType: g.protocolType, protocol: g.protocolData, members: g.members.length })),
        client: describedByClient,
      }).toEqual({
        raw: [{ errorCode: 0, state: 'Stable', protocolType: 'consumer', protocol: 'uniform', members: 1 }],
        client: { id: groupId, state: 'STABLE', protocol: 'uniform', protocolType: 'consumer', members: 1 },
      });
    });

    it('fences a member epoch ahead of the broker (FENCED_MEMBER_EPOCH) and commits only at the current epoch (STALE_MEMBER_EPOCH)', async () => {
      const groupId = 'kip848-fence';
      const memberId = randomUUID();
      const joined = await heartbeat({ groupId, memberId });
      expect(summary(joined)).toEqual({ errorCode: 0, errorMessage: null, memberEpoch: expect.any(Number), assigned: range(6) });
      expect(joined.memberId).toBe(memberId);
      expect(joined.memberEpoch).toBeGreaterThan(0);
      expect(joined.heartbeatIntervalMs).toBe(HEARTBEAT_INTERVAL_MS);
      const epoch = joined.memberEpoch;

      const steady = await heartbeat({ groupId, memberId, memberEpoch: epoch, topicPartitions: owned(range(6)) });
      expect(summary(steady)).toMatchObject({ errorCode: 0, memberEpoch: epoch });
      const ahead = await heartbeat({ groupId, memberId, memberEpoch: epoch + 5, topicPartitions: owned(range(6)) });
      expect(ahead.errorCode).toBe(ErrorCode.FENCED_MEMBER_EPOCH);

      const commit = (generationIdOrMemberEpoch: number, id = memberId) =>
        raw.send<OffsetCommitResponse>(ApiKey.OffsetCommit, 9, {
          groupId,
          generationIdOrMemberEpoch,
          memberId: id,
          groupInstanceId: null,
          topics: [{ name: topic, partitions: [{ partitionIndex: 0, committedOffset: 7n, committedLeaderEpoch: -1, committedMetadata: null }] }],
        });
      // Fencing a heartbeat does not remove the member (the client rejoins with epoch 0): a commit at its epoch
      // still holds, one at another epoch is stale, one from a stranger is unknown.
      expect((await commit(epoch)).topics[0].partitions[0].errorCode).toBe(0);
      expect((await commit(epoch + 1)).topics[0].partitions[0].errorCode).toBe(ErrorCode.STALE_MEMBER_EPOCH);
      expect((await commit(epoch, randomUUID())).topics[0].partitions[0].errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
      expect((await committedOffsets(groupId, topic, 1))[0]).toBe(7);

      const left = await heartbeat({ groupId, memberId, memberEpoch: -1, topicPartitions: null, subscribedTopicNames: null, rebalanceTimeoutMs: -1 });
      expect(left.errorCode).toBe(0);
      expect(left.memberEpoch).toBe(-1);
      expect((await describeGroup(groupId)).groupState).toBe('Empty');
    });

    it('revokes a partition from its owner before giving it to another member', async () => {
      const groupId = 'kip848-reconcile';
      const m1 = randomUUID();
      const m2 = randomUUID();
      const first = await heartbeat({ groupId, memberId: m1 });
      expect(assigned(first)).toEqual(range(6));
      const e1 = first.memberEpoch;

      // m2 joins: the group epoch moves on and m2 is at it at once, but owns nothing while m1 still holds everything.
      const second = await heartbeat({ groupId, memberId: m2 });
      expect(summary(second)).toEqual({ errorCode: 0, errorMessage: null, memberEpoch: expect.any(Number), assigned: [] });
      const e2 = second.memberEpoch;
      expect(e2).toBeGreaterThan(e1);

      // m1's next heartbeat (still at e1, owning all six) is told to keep three: the other three are revoked.
      const revoke = await heartbeat({ groupId, memberId: m1, memberEpoch: e1, topicPartitions: owned(range(6)) });
      expect(revoke.errorCode).toBe(0);
      expect(revoke.memberEpoch).toBe(e1);
      const kept = assigned(revoke);
      expect(kept).toHaveLength(3);

      // Until m1 acknowledges, m2 gets none of them.
      const waiting = await heartbeat({ groupId, memberId: m2, memberEpoch: e2, topicPartitions: [] });
      expect(summary(waiting)).toMatchObject({ errorCode: 0, memberEpoch: e2 });
      expect(assigned(waiting)).toEqual([]);
      const reconciling = await describeGroup(groupId);
      expect(reconciling.groupState).toBe('Reconciling');

      // m1 acknowledges by heartbeating with what it now owns: it moves to e2 ...
      const acked = await heartbeat({ groupId, memberId: m1, memberEpoch: e1, topicPartitions: owned(kept) });
      expect(summary(acked)).toMatchObject({ errorCode: 0, memberEpoch: e2 });
      // ... and m2's next heartbeat gets the three m1 released.
      const released = await heartbeat({ groupId, memberId: m2, memberEpoch: e2, topicPartitions: [] });
      expect(released.errorCode).toBe(0);
      expect(assigned(released)).toEqual(range(6).filter((p) => !kept.includes(p)));
      await heartbeat({ groupId, memberId: m2, memberEpoch: e2, topicPartitions: owned(assigned(released)) });
      const stable = await stableGroup(groupId, 2, 5_000);
      expect(stable.groupEpoch).toBe(e2);
      expect(Object.fromEntries(stable.members.map((m) => [m.memberId, describedPartitions(m, topic)]))).toEqual({ [m1]: kept, [m2]: assigned(released) });
    });

    it('lets a static member leave with epoch -2 and rejoin under a new member id with its partitions; refuses its instance id to others meanwhile', async () => {
      const groupId = 'kip848-static';
      const s1 = randomUUID();
      const joined = await heartbeat({ groupId, memberId: s1, instanceId: 'instance-1', serverAssignor: 'range' });
      expect(assigned(joined)).toEqual(range(6));
      const before = await describeGroup(groupId);
      expect(before.assignorName).toBe('range');
      expect(before.members[0].instanceId).toBe('instance-1');

      // Another member claiming the instance id while s1 holds it.
      expect((await heartbeat({ groupId, instanceId: 'instance-1' })).errorCode).toBe(ErrorCode.UNRELEASED_INSTANCE_ID);

      const left = await heartbeat({ groupId, memberId: s1, memberEpoch: -2, instanceId: 'instance-1', topicPartitions: null, subscribedTopicNames: null, rebalanceTimeoutMs: -1 });
      expect(left.errorCode).toBe(0);
      expect(left.memberEpoch).toBe(-2);

      const s2 = randomUUID();
      const back = await heartbeat({ groupId, memberId: s2, instanceId: 'instance-1' });
      expect(summary(back)).toMatchObject({ errorCode: 0, assigned: range(6) });
      const after = await describeGroup(groupId);
      // The static member came back: no new group epoch, the same partitions, under the new member id.
      expect(after.groupEpoch).toBe(before.groupEpoch);
      expect(after.members.map((m) => [m.memberId, m.instanceId, describedPartitions(m, topic)])).toEqual([[s2, 'instance-1', range(6)]]);
    });

    it('expires a member that stops heartbeating after the session timeout and gives its partitions to the others', async () => {
      const groupId = 'kip848-expiry';
      const live = randomUUID();
      const silent = randomUUID();
      const first = await heartbeat({ groupId, memberId: live });
      const second = await heartbeat({ groupId, memberId: silent });
      // Bring both to a stable 3/3 split.
      let liveEpoch = first.memberEpoch;
      let liveOwned = assigned(first);
      let silentOwned: number[] = [];
      await until(
        'a stable 3/3 split between the two raw members',
        async () => {
          const a = await heartbeat({ groupId, memberId: live, memberEpoch: liveEpoch, topicPartitions: owned(liveOwned) });
          liveEpoch = a.memberEpoch;
          liveOwned = next(a, liveOwned);
          const b = await heartbeat({ groupId, memberId: silent, memberEpoch: second.memberEpoch, topicPartitions: owned(silentOwned) });
          silentOwned = next(b, silentOwned);
          const done = liveOwned.length === 3 && silentOwned.length === 3 ? true : undefined;
          return { done, seen: { a: summary(a), b: summary(b) } };
        },
        5_000,
      );

      // Only `live` heartbeats from now on; after the session timeout the silent member is gone and `live` owns all six.
      const started = Date.now();
      const all = await until(
        `the silent member to expire (session timeout ${SESSION_TIMEOUT_MS} ms) and live to own all 6`,
        async () => {
          const a = await heartbeat({ groupId, memberId: live, memberEpoch: liveEpoch, topicPartitions: owned(liveOwned) });
          liveEpoch = a.memberEpoch;
          liveOwned = next(a, liveOwned);
          return { done: a.errorCode === 0 && liveOwned.length === 6 ? Date.now() - started : undefined, seen: summary(a) };
        },
        SESSION_TIMEOUT_MS + 8_000,
      );
      expect(all).toBeGreaterThanOrEqual(SESSION_TIMEOUT_MS - 1_000);
      const g = await describeGroup(groupId);
      expect(g.members.map((m) => m.memberId)).toEqual([live]);
      // The expired member's next heartbeat is refused.
      expect((await heartbeat({ groupId, memberId: silent, memberEpoch: second.memberEpoch, topicPartitions: owned(silentOwned) })).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    }, 30_000);
  });
});
