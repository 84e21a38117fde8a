import { uniqueName, waitFor } from '@app/testing';
import { kafkajsRangeAssigner } from '@app/assignors';
import { Kafka, logLevel } from 'kafkajs';
import { startGroupTestBroker, type GroupTestBroker } from './group-test-broker';
import { createTopicAndProduce, kcatGroupConsumer, runGroupScript } from './group-test-clients';

interface Balanced {
  phase1: number[][];
  phase1_ok: boolean;
  phase2: number[][];
  phase2_ok: boolean;
  seen: string[];
}

interface KafkaErrorInfo {
  code: number;
  name: string;
  fatal: boolean;
  text: string;
}

const messages = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe('librdkafka (confluent-kafka-python, kcat) consumer groups against the broker', () => {
  let broker: GroupTestBroker;

  beforeAll(async () => {
    broker = await startGroupTestBroker();
  });

  afterAll(async () => {
    await broker.stop();
  });

  it.each(['range', 'roundrobin', 'cooperative-sticky'])('%s: three members share six partitions, then two share them', async (strategy) => {
    const topic = uniqueName(`rd-${strategy}`);
    const group = uniqueName(`rd-${strategy}`);
    await createTopicAndProduce(broker.bootstrap, topic, 6, messages('m', 60));
    const result = await runGroupScript<Balanced>('group-confluent.py', { scenario: 'balanced', bootstrap: broker.bootstrap, topic, group, strategy, partitions: 6, messages: 60 });
    expect(result.phase1_ok).toBe(true);
    expect(result.phase1.flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(result.phase2_ok).toBe(true);
    expect(result.phase2.flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(result.seen)).toEqual(new Set(messages('m', 60)));
    if (strategy === 'cooperative-sticky') {
      // Survivors keep what they had; only the leaver's partitions move.
      result.phase2.forEach((now, i) => expect(now).toEqual(expect.arrayContaining(result.phase1[i])));
    }
    const described = broker.coordinator.describeGroup(group);
    expect(described.state).toBe('Empty');
  });

  it('static membership: a restarted member gets its partitions back with no rebalance', async () => {
    const topic = uniqueName('static');
    const group = uniqueName('static');
    await createTopicAndProduce(broker.bootstrap, topic, 3, messages('s', 9));
    const first = await runGroupScript<{ ok: boolean; assignment: number[]; seen: string[] }>('group-confluent.py', {
      scenario: 'static_member',
      bootstrap: broker.bootstrap,
      topic,
      group,
      instance: 'pod-0',
      messages: 9,
      session_timeout_ms: 30_000,
    });
    expect(first).toMatchObject({ ok: true, assignment: [0, 1, 2] });
    const before = broker.coordinator.describeGroup(group);
    expect(before).toMatchObject({ state: 'Stable', generationId: 1 });
    expect(before.members.map((m) => m.groupInstanceId)).toEqual(['pod-0']);

    const second = await runGroupScript<{ ok: boolean; assignment: number[] }>('group-confluent.py', {
      scenario: 'static_member',
      bootstrap: broker.bootstrap,
      topic,
      group,
      instance: 'pod-0',
      messages: 0,
      session_timeout_ms: 30_000,
    });
    expect(second).toMatchObject({ ok: true, assignment: [0, 1, 2] });
    const after = broker.coordinator.describeGroup(group);
    expect(after).toMatchObject({ state: 'Stable', generationId: 1 });
    expect(after.members[0].memberId).not.toBe(before.members[0].memberId);
  });

  it('static membership: a second member with the same instance id fences the first', async () => {
    const topic = uniqueName('fenced');
    const group = uniqueName('fenced');
    await createTopicAndProduce(broker.bootstrap, topic, 2, []);
    const result = await runGroupScript<{ errors_first: KafkaErrorInfo[]; assignment_second: number[] }>('group-confluent.py', {
      scenario: 'static_fenced',
      bootstrap: broker.bootstrap,
      topic,
      group,
      instance: 'pod-1',
      session_timeout_ms: 30_000,
    });
    // librdkafka treats FENCED_INSTANCE_ID as fatal (_FATAL, -150) for the old member.
    const fatal = result.errors_first.find((e) => e.name === '_FATAL');
    expect(fatal?.text).toMatch(/Static consumer fenced by other consumer with same group.instance.id/);
    expect(result.assignment_second).toEqual([0, 1]);
  });

  it('kcat -G: two balanced consumers split the partitions and read every message', async () => {
    const topic = uniqueName('kcat');
    const group = uniqueName('kcat');
    await createTopicAndProduce(broker.bootstrap, topic, 4, messages('k', 40));
    const a = kcatGroupConsumer(broker.bootstrap, group, topic);
    const b = kcatGroupConsumer(broker.bootstrap, group, topic);
    try {
      await waitFor(
        () => {
          const d = broker.coordinator.describeGroup(group);
          return d.state === 'Stable' && d.members.length === 2 && d;
        },
        { timeoutMs: 30_000, what: 'two kcat members stable' },
      );
      await waitFor(() => new Set([...a.lines(), ...b.lines()].map((l) => l.split(' ')[2])).size === 40, { timeoutMs: 20_000, what: 'all 40 messages' });
      const details = broker.coordinator.groups.get(group)!;
      expect(details.protocolName).toBe('range');
      expect([...details.members.values()].map((m) => m.assignment.length > 0)).toEqual([true, true]);
    } finally {
      a.child.kill('SIGTERM');
      b.child.kill('SIGTERM');
    }
  });

  it('mixed group: kafkajs with the range adapter and librdkafka range members share one group', async () => {
    const topic = uniqueName('mixed');
    const group = uniqueName('mixed');
    await createTopicAndProduce(broker.bootstrap, topic, 4, messages('x', 40));
    const kafka = new Kafka({ clientId: 'mixed-kafkajs', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: group, partitionAssigners: [kafkajsRangeAssigner], sessionTimeout: 6_000, heartbeatInterval: 300, maxWaitTimeInMs: 200 });
    const seen: string[] = [];
    let assignment: Record<string, number[]> = {};
    consumer.on(consumer.events.GROUP_JOIN, (e) => (assignment = e.payload.memberAssignment as Record<string, number[]>));
    const python = runGroupScript<{ assignment: number[]; seen: string[] }>('group-confluent.py', {
      scenario: 'member_for',
      bootstrap: broker.bootstrap,
      topic,
      group,
      strategy: 'range',
      seconds: 12,
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void seen.push(message.value!.toString()) });
      await waitFor(
        () => {
          const d = broker.coordinator.describeGroup(group);
          return d.state === 'Stable' && d.members.length === 2 && (assignment[topic] ?? []).length === 2 && d;
        },
        { timeoutMs: 20_000, what: 'mixed group stable' },
      );
      expect(broker.coordinator.describeGroup(group).protocol).toBe('range');
      const rd = await python;
      expect([...(assignment[topic] ?? []), ...rd.assignment].sort()).toEqual([0, 1, 2, 3]);
      expect(new Set([...seen, ...rd.seen])).toEqual(new Set(messages('x', 40)));
    } finally {
      await consumer.disconnect();
      await python.catch(() => undefined);
    }
  });
});
