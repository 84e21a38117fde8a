import { uniqueName, waitFor } from '@app/testing';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { startGroupTestBroker, type GroupTestBroker } from './group-test-broker';

interface TopicPartition {
  topic: string;
  partition: number;
}

/** The runbook's "Group State Inspection" paths, read while real kafkajs consumers hold the group. */
describe('GET /consumer-groups (the runbook paths beside /v1/groups)', () => {
  let broker: GroupTestBroker;
  let kafka: Kafka;
  const consumers: Consumer[] = [];

  beforeAll(async () => {
    broker = await startGroupTestBroker();
    kafka = new Kafka({ clientId: 'runbook-http', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 50 } });
  });

  afterAll(async () => {
    await Promise.all(consumers.map((c) => c.disconnect().catch(() => undefined)));
    await broker.stop();
  });

  const get = async (path: string) => {
    const res = await fetch(`${broker.httpUrl}${path}`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('lists the group, describes its members and gives each member its topic-partitions', async () => {
    const topic = uniqueName('runbook');
    const groupId = uniqueName('runbook-group');
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }] });
    await admin.disconnect();
    for (let i = 0; i < 2; i++) {
      const consumer = kafka.consumer({ groupId, sessionTimeout: 6_000, rebalanceTimeout: 6_000, heartbeatInterval: 300 });
      consumers.push(consumer);
      await consumer.connect();
      await consumer.subscribe({ topics: [topic] });
      await consumer.run({ eachMessage: async () => undefined });
    }
    await waitFor(
      () => {
        const d = broker.coordinator.describeGroup(groupId);
        return d.state === 'Stable' && d.members.length === 2;
      },
      { timeoutMs: 20_000, what: 'two stable members' },
    );

    const list = await get('/consumer-groups');
    expect(list.status).toBe(200);
    expect(list.body.groups).toContainEqual(
      expect.objectContaining({ group_id: groupId, state: 'Stable', protocol_type: 'consumer', protocol_name: 'RoundRobinAssigner', member_count: 2 }),
    );

    const detail = await get(`/consumer-groups/${groupId}`);
    expect(detail.status).toBe(200);
    const group = detail.body as {
      group_id: string;
      generation_id: number;
      leader: string;
      members: { member_id: string; client_id: string; client_host: string; session_timeout: number; rebalance_timeout: number }[];
      assigned_partitions: Record<string, TopicPartition[]>;
    };
    expect(group).toMatchObject({ group_id: groupId, state: 'Stable', protocol_type: 'consumer', protocol_name: 'RoundRobinAssigner' });
    expect(group.members).toHaveLength(2);
    for (const m of group.members) expect(m).toMatchObject({ client_id: 'runbook-http', client_host: '/127.0.0.1', session_timeout: 6_000, rebalance_timeout: 6_000 });
    const memberIds = group.members.map((m) => m.member_id).sort();
    expect(memberIds).toContain(group.leader);
    expect(Object.keys(group.assigned_partitions).sort()).toEqual(memberIds);
    const assigned = Object.values(group.assigned_partitions).flat();
    expect(assigned.map((tp) => tp.partition).sort()).toEqual([0, 1, 2]);
    expect(new Set(assigned.map((tp) => tp.topic))).toEqual(new Set([topic]));

    const assignments = await get(`/consumer-groups/${groupId}/assignments`);
    expect(assignments.status).toBe(200);
    expect(assignments.body).toEqual({
      group_id: groupId,
      state: 'Stable',
      generation_id: group.generation_id,
      protocol_name: 'RoundRobinAssigner',
      assignments: group.assigned_partitions,
    });
  });

  it('shows a group that only has committed offsets, with an id that needs URL encoding', async () => {
    const topic = uniqueName('runbook-offsets');
    const groupId = `${uniqueName('tool')} / ü`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }] });
    await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: '0' }] });
    await admin.disconnect();

    const detail = await get(`/consumer-groups/${encodeURIComponent(groupId)}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ group_id: groupId, state: 'Empty', members: [], assigned_partitions: {}, leader: null });
    expect((await get(`/consumer-groups/${encodeURIComponent(groupId)}/assignments`)).body).toMatchObject({ assignments: {} });
  });

  it('answers 404 naming the group for an unknown id, on both paths', async () => {
    for (const path of ['/consumer-groups/no-such-group', '/consumer-groups/no-such-group/assignments']) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ error: 'group_not_found', message: 'group "no-such-group" does not exist' });
    }
  });
});
