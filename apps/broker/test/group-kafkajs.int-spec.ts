import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fieldsToRecord, groupEventSchema, type GroupEvent } from '@app/domain';
import { uniqueName, waitFor } from '@app/testing';
import Redis from 'ioredis';
import { Kafka, logLevel, type Consumer, type EachMessagePayload } from 'kafkajs';
import { startGroupTestBroker, type GroupTestBroker } from './group-test-broker';

type Assignment = Record<string, number[]>;

interface Member {
  consumer: Consumer;
  assignment: () => Assignment | undefined;
  generation: () => number;
  received: string[];
}

describe('kafkajs consumer groups against the broker', () => {
  let broker: GroupTestBroker;
  let kafka: Kafka;
  let redis: Redis;
  const members: Consumer[] = [];
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    broker = await startGroupTestBroker();
    kafka = new Kafka({ clientId: 'group-kafkajs', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 50 } });
    redis = new Redis('redis://127.0.0.1:6379');
  });

  afterEach(async () => {
    await Promise.all(members.splice(0).map((c) => c.disconnect().catch(() => undefined)));
    for (const child of children.splice(0)) child.kill('SIGKILL');
  });

  afterAll(async () => {
    await redis.del(broker.eventsStream);
    redis.disconnect();
    await broker.stop();
  });

  async function createTopic(topic: string, numPartitions: number): Promise<void> {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions }] });
    await admin.disconnect();
  }

  async function produce(topic: string, count: number, prefix: string): Promise<void> {
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: Array.from({ length: count }, (_, i) => ({ key: `${prefix}-${i}`, value: `${prefix}-${i}` })) });
    await producer.disconnect();
  }

  async function startMember(topic: string, groupId: string): Promise<Member> {
    const consumer = kafka.consumer({ groupId, sessionTimeout: 3_000, rebalanceTimeout: 5_000, heartbeatInterval: 300, maxWaitTimeInMs: 200 });
    members.push(consumer);
    let assignment: Assignment | undefined;
    let generation = -1;
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      assignment = e.payload.memberAssignment as Assignment;
      generation = broker.coordinator.describeGroup(groupId).generationId;
    });
    const received: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }: EachMessagePayload) => void received.push(message.value!.toString()) });
    return { consumer, assignment: () => assignment, generation: () => generation, received };
  }

  const partitionsOf = (a: Assignment | undefined, topic: string) => [...(a?.[topic] ?? [])].sort((x, y) => x - y);

  async function events(groupId: string): Promise<GroupEvent[]> {
    const entries = await redis.xrange(broker.eventsStream, '-', '+');
    return entries
      .map(([, fields]) => groupEventSchema.parse(JSON.parse(fieldsToRecord(fields).data)))
      .filter((e) => e.group_id === groupId);
  }

  it('balances three members, rebalances when one leaves, and delivers every message once', async () => {
    const topic = uniqueName('orders');
    const groupId = uniqueName('three');
    await createTopic(topic, 6);
    const group = [await startMember(topic, groupId), await startMember(topic, groupId), await startMember(topic, groupId)];
    await waitFor(
      () => {
        const d = broker.coordinator.describeGroup(groupId);
        return d.state === 'Stable' && d.members.length === 3 && group.every((m) => m.generation() === d.generationId) && d;
      },
      { timeoutMs: 20_000, what: 'three members stable' },
    );
    const owned = group.map((m) => partitionsOf(m.assignment(), topic));
    expect(owned.map((p) => p.length)).toEqual([2, 2, 2]);
    expect(owned.flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);

    await produce(topic, 60, 'a');
    await waitFor(() => group.reduce((n, m) => n + m.received.length, 0) >= 60, { timeoutMs: 20_000, what: '60 messages' });

    await group[2].consumer.disconnect();
    await waitFor(
      () => {
        const d = broker.coordinator.describeGroup(groupId);
        return d.state === 'Stable' && d.members.length === 2 && group.slice(0, 2).every((m) => m.generation() === d.generationId) && d;
      },
      { timeoutMs: 20_000, what: 'two members stable' },
    );
    expect(group.slice(0, 2).map((m) => partitionsOf(m.assignment(), topic).length)).toEqual([3, 3]);

    await produce(topic, 30, 'b');
    await waitFor(() => group.slice(0, 2).reduce((n, m) => n + m.received.filter((v) => v.startsWith('b-')).length, 0) >= 30, {
      timeoutMs: 20_000,
      what: '30 more messages',
    });
    const all = group.flatMap((m) => m.received);
    expect(new Set(all.filter((v) => v.startsWith('a-'))).size).toBe(60);
    expect(all.filter((v) => v.startsWith('b-')).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `b-${i}`).sort());

    const types = (await waitFor(async () => {
      const list = await events(groupId);
      return list.some((e) => e.type === 'member_left') && list;
    })).map((e) => e.type);
    expect(types.filter((t) => t === 'member_joined')).toHaveLength(3);
    expect(types).toContain('rebalance_started');
    expect(types).toContain('rebalance_completed');
  });

  it('expires a member that crashes (kill -9) after its session timeout and hands its partitions over', async () => {
    const topic = uniqueName('crash');
    const groupId = uniqueName('crash-group');
    await createTopic(topic, 4);
    const survivor = await startMember(topic, groupId);
    const child = spawn(process.execPath, [join(__dirname, 'group-kafkajs-member.js'), broker.bootstrap, topic, groupId], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let childOutput = '';
    child.stdout!.on('data', (d: Buffer) => (childOutput += d.toString()));
    await waitFor(
      () => {
        const d = broker.coordinator.describeGroup(groupId);
        return d.state === 'Stable' && d.members.length === 2 && survivor.generation() === d.generationId && childOutput.includes('memberId') && d;
      },
      { timeoutMs: 20_000, what: 'survivor and child stable' },
    );
    expect(partitionsOf(survivor.assignment(), topic)).toHaveLength(2);
    const crashedId = broker.coordinator.describeGroup(groupId).members.find((m) => m.clientId === 'crashing-member')!.memberId;

    child.kill('SIGKILL');
    await waitFor(
      () => {
        const d = broker.coordinator.describeGroup(groupId);
        return d.state === 'Stable' && d.members.length === 1 && survivor.generation() === d.generationId && d;
      },
      { timeoutMs: 20_000, what: 'group back to one member after expiry' },
    );
    expect(partitionsOf(survivor.assignment(), topic)).toEqual([0, 1, 2, 3]);
    const expired = await waitFor(async () => (await events(groupId)).find((e) => e.type === 'member_expired'));
    expect(expired).toMatchObject({ member_id: crashedId, client_id: 'crashing-member' });
  });

  it('lists and describes groups and fetches their offsets through the kafkajs admin client and HTTP', async () => {
    const topic = uniqueName('admin');
    const groupId = uniqueName('admin-group');
    await createTopic(topic, 2);
    await produce(topic, 10, 'x');
    const member = await startMember(topic, groupId);
    await waitFor(() => member.received.length >= 10, { timeoutMs: 20_000, what: '10 messages' });
    await member.consumer.commitOffsets([
      { topic, partition: 0, offset: String(await endOffset(topic, 0)) },
      { topic, partition: 1, offset: String(await endOffset(topic, 1)) },
    ]);

    const admin = kafka.admin();
    await admin.connect();
    try {
      const { groups } = await admin.listGroups();
      expect(groups).toContainEqual({ groupId, protocolType: 'consumer' });
      const described = await admin.describeGroups([groupId, 'no-such-group']);
      expect(described.groups[0]).toMatchObject({ groupId, state: 'Stable', protocolType: 'consumer', protocol: 'RoundRobinAssigner' });
      expect(described.groups[0].members).toHaveLength(1);
      expect(described.groups[1]).toMatchObject({ groupId: 'no-such-group', state: 'Dead', members: [] });
      const offsets = await admin.fetchOffsets({ groupId, topics: [topic] });
      expect(offsets[0].partitions.map((p) => p.offset).reduce((n, o) => n + Number(o), 0)).toBe(10);

      const list = (await (await fetch(`${broker.httpUrl}/v1/groups`)).json()) as { groups: { groupId: string; state: string }[] };
      expect(list.groups).toContainEqual({ groupId, state: 'Stable', protocolType: 'consumer', groupType: 'classic' });
      const detail = (await (await fetch(`${broker.httpUrl}/v1/groups/${groupId}`)).json()) as Record<string, unknown> & { members: { clientId: string; clientHost: string; assignment: Assignment }[] };
      expect(detail).toMatchObject({ groupId, state: 'Stable', protocol: 'RoundRobinAssigner', protocolType: 'consumer' });
      expect(detail.members[0]).toMatchObject({ clientId: 'group-kafkajs', clientHost: '/127.0.0.1', assignment: { [topic]: [0, 1] } });
      const httpOffsets = (await (await fetch(`${broker.httpUrl}/v1/groups/${groupId}/offsets`)).json()) as { offsets: { offset: string }[] };
      expect(httpOffsets.offsets.reduce((n, o) => n + Number(o.offset), 0)).toBe(10);
      expect((await fetch(`${broker.httpUrl}/v1/groups/nope`)).status).toBe(404);

      await member.consumer.disconnect();
      await waitFor(() => broker.coordinator.describeGroup(groupId).state === 'Empty', { what: 'empty group' });
      await admin.deleteGroups([groupId]);
      expect(broker.coordinator.describeGroup(groupId).state).toBe('Dead');
    } finally {
      await admin.disconnect();
    }

    const metrics = await broker.registry.metrics();
    expect(metrics).toMatch(/broker_group_rebalances_total \d+/);
    expect(metrics).toMatch(/broker_group_offset_commits_total\{error="NONE"\} \d+/);
    expect(metrics).toMatch(/broker_group_heartbeats_total\{error="NONE"\} \d+/);
  });

  async function endOffset(topic: string, partition: number): Promise<number> {
    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.disconnect();
    return Number(offsets.find((o) => o.partition === partition)!.high);
  }
});
