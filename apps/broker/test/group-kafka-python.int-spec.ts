import { kafkajsStickyAssigner } from '@app/assignors';
import { uniqueName, waitFor } from '@app/testing';
import { Kafka, logLevel } from 'kafkajs';
import { startGroupTestBroker, type GroupTestBroker } from './group-test-broker';
import { createTopicAndProduce, runGroupScript } from './group-test-clients';

interface Result {
  assignments: number[][];
  seen: string[];
  listed: [string, string][];
  described: { group: string; state: string; protocol_type: string; protocol: string; members: string[] };
  offsets: Record<string, number>;
}

describe('kafka-python consumer groups and KafkaAdminClient against the broker', () => {
  let broker: GroupTestBroker;

  beforeAll(async () => {
    broker = await startGroupTestBroker();
  });

  afterAll(async () => {
    await broker.stop();
  });

  it('splits a topic between two members (JoinGroup v2, no KIP-394), commits, and answers the admin client', async () => {
    const topic = uniqueName('kp');
    const group = uniqueName('kp');
    const values = Array.from({ length: 20 }, (_, i) => `v-${i}`);
    await createTopicAndProduce(broker.bootstrap, topic, 4, values);
    const result = await runGroupScript<Result>('group-kafka-python.py', { scenario: 'group_and_admin', bootstrap: broker.bootstrap, topic, group, partitions: 4, messages: 20 });

    expect(result.assignments.flat().sort()).toEqual([0, 1, 2, 3]);
    expect(result.assignments.map((a) => a.length)).toEqual([2, 2]);
    expect(new Set(result.seen)).toEqual(new Set(values));
    expect(result.listed).toContainEqual([group, 'consumer']);
    expect(result.described).toEqual({ group, state: 'Stable', protocol_type: 'consumer', protocol: 'range', members: ['kp-0', 'kp-1'] });
    expect(result.offsets).toEqual({ [`${topic}:0`]: 5, [`${topic}:1`]: 5, [`${topic}:2`]: 5, [`${topic}:3`]: 5 });
  });

  it('mixed sticky group: kafkajs with the sticky adapter and a kafka-python sticky member split the partitions', async () => {
    const topic = uniqueName('sticky');
    const group = uniqueName('sticky');
    const values = Array.from({ length: 40 }, (_, i) => `s-${i}`);
    await createTopicAndProduce(broker.bootstrap, topic, 4, values);
    const kafka = new Kafka({ clientId: 'sticky-kafkajs', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    const sticky = kafkajsStickyAssigner();
    const consumer = kafka.consumer({ groupId: group, partitionAssigners: [sticky.assigner], sessionTimeout: 6_000, heartbeatInterval: 300, maxWaitTimeInMs: 200 });
    sticky.track(consumer);
    const seen: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(message.value!.toString()) });
    const python = runGroupScript<{ assignment: number[]; seen: string[] }>('group-kafka-python.py', { scenario: 'sticky_member_for', bootstrap: broker.bootstrap, topic, group, seconds: 12 });
    try {
      await waitFor(
        () => {
          const d = broker.coordinator.describeGroup(group);
          return d.state === 'Stable' && d.members.length === 2 && (sticky.state.owned[0]?.partitions.length ?? 0) === 2 && d;
        },
        { timeoutMs: 20_000, what: 'kafkajs + kafka-python sticky group stable' },
      );
      expect(broker.coordinator.describeGroup(group).protocol).toBe('sticky');
      // Read now: when the Python member leaves at the end of its run, kafkajs rebalances and takes every partition.
      const ownedByKafkajs = [...sticky.state.owned[0].partitions];
      const kp = await python;
      expect([...ownedByKafkajs, ...kp.assignment].sort()).toEqual([0, 1, 2, 3]);
      expect(new Set([...seen, ...kp.seen])).toEqual(new Set(values));
    } finally {
      await consumer.disconnect();
      await python.catch(() => undefined);
    }
  }, 60_000);
});
