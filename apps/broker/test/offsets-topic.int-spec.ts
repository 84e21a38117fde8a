import { uniqueName, waitFor } from '@app/testing';
import { decodeConsumerProtocolAssignment } from '@app/kafka-protocol';
import { Kafka, logLevel } from 'kafkajs';
import { offsetsTopicPartitionFor } from '../src/coordinator/offsets-topic/offsets-topic-partition';
import { startGroupTestBroker, type GroupTestBroker } from './group-test-broker';
import { createTopicAndProduce } from './group-test-clients';
import { latestByKey, readOffsetsTopic, type ReadRecord } from './offsets-topic-reader';

/**
 * `__consumer_offsets` as tools that read Kafka's internals see it: a kafkajs group commits, a kafkajs consumer reads
 * the topic back and decodes Kafka's records; the latest commit per partition must be what OffsetFetch answers.
 */
describe('__consumer_offsets', () => {
  let broker: GroupTestBroker;

  afterEach(async () => {
    await broker.stop();
  });

  it('holds every commit, the group after each rebalance, tombstones for a deleted group, and keeps them across a restart', async () => {
    broker = await startGroupTestBroker();
    const topic = uniqueName('offsets-topic');
    const deleted = uniqueName('offsets-deleted');
    const kept = uniqueName('offsets-kept');
    await createTopicAndProduce(broker.bootstrap, topic, 3, Array.from({ length: 30 }, (_, i) => `m${i}`));
    expect(broker.topics.describeTopic('__consumer_offsets')?.partitions).toBe(50);

    const kafka = new Kafka({ clientId: 'offsets-topic-test', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    try {
      for (const groupId of [deleted, kept]) {
        const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 300, maxWaitTimeInMs: 100 });
        let seen = 0;
        await consumer.connect();
        await consumer.subscribe({ topics: [topic], fromBeginning: true });
        await consumer.run({ eachMessage: async () => void seen++ });
        await waitFor(() => seen === 30, { timeoutMs: 20_000, what: `${groupId} consumed everything` });
        await waitFor(
          async () => (await admin.fetchOffsets({ groupId, topics: [topic] }))[0].partitions.every((p) => p.offset === '10'),
          { timeoutMs: 20_000, what: `${groupId} committed everything` },
        );
        const described = (await admin.describeGroups([groupId])).groups[0];
        expect(described.state).toBe('Stable');
        // The group as Kafka records it once the rebalance completed: generation, leader, protocol, the assignment.
        const records = await readOffsetsTopic(broker.bootstrap, (rs) => {
          const g = latestByKey(rs).get(`group ${groupId}`);
          return g?.kind === 'group' && g.value !== null && g.value.members.length === 1 && g.value.members[0].assignment.length > 0;
        });
        const group = latestByKey(records).get(`group ${groupId}`)!;
        expect(group.topicPartition).toBe(offsetsTopicPartitionFor(groupId, 50));
        if (group.kind !== 'group' || !group.value) throw new Error('no group record');
        expect(group.value).toMatchObject({ version: 1, protocolType: 'consumer', protocol: described.protocol, leader: described.members[0].memberId });
        expect(group.value.members[0]).toMatchObject({ memberId: described.members[0].memberId, clientId: described.members[0].clientId, clientHost: described.members[0].clientHost });
        expect(decodeConsumerProtocolAssignment(group.value.members[0].assignment).assignedPartitions).toEqual([{ topic, partitions: [0, 1, 2] }]);
        await consumer.disconnect();
      }

      // The latest commit per partition is what OffsetFetch says, for both groups.
      const committed = async (groupId: string) => (await admin.fetchOffsets({ groupId, topics: [topic] }))[0].partitions;
      const matchesFetch = (rs: readonly ReadRecord[], groupId: string, fetched: { partition: number; offset: string }[]) => {
        const latest = latestByKey(rs);
        return fetched.every((p) => {
          const r = latest.get(`offset ${groupId} ${topic} ${p.partition}`);
          return r?.kind === 'offset' && r.value !== null && String(r.value.offset) === p.offset;
        });
      };
      const fetchedKept = await committed(kept);
      const fetchedDeleted = await committed(deleted);
      let records = await readOffsetsTopic(broker.bootstrap, (rs) => matchesFetch(rs, kept, fetchedKept) && matchesFetch(rs, deleted, fetchedDeleted));
      for (const r of records.filter((r) => r.group === kept || r.group === deleted)) {
        expect(r.topicPartition).toBe(offsetsTopicPartitionFor(r.group, 50));
        if (r.kind === 'offset' && r.value) expect(r.value.version).toBe(3);
      }
      // Left empty after its member left: recorded with no members, as Kafka does.
      await waitFor(() => broker.coordinator.describeGroup(deleted).state === 'Empty', { what: 'group empty' });

      // DeleteGroups: a tombstone for each of its offsets and for the group.
      await admin.deleteGroups([deleted]);
      const isTombstoned = (rs: readonly ReadRecord[]) => {
        const latest = latestByKey(rs);
        return [0, 1, 2].every((p) => latest.get(`offset ${deleted} ${topic} ${p}`)?.value === null) && latest.get(`group ${deleted}`)?.value === null;
      };
      records = await readOffsetsTopic(broker.bootstrap, isTombstoned);
      expect(matchesFetch(records, kept, fetchedKept)).toBe(true);
    } finally {
      await admin.disconnect();
    }

    // After a restart the topic still holds all of it (and nothing was appended to make it so).
    const logsBefore = [...broker.topics.partitions('__consumer_offsets')];
    await broker.close();
    const sizeBefore = logsBefore.map((l) => l.highWatermark);
    broker = await startGroupTestBroker({ dataDir: broker.dataDir, port: broker.port });
    expect(broker.topics.partitions('__consumer_offsets').map((l) => l.highWatermark)).toEqual(sizeBefore);
    const fetchedKept = broker.coordinator.fetchOffsets(kept, null).map((o) => ({ partition: o.partition, offset: String(o.offset) }));
    expect(fetchedKept).toHaveLength(3);
    await readOffsetsTopic(broker.bootstrap, (rs) => {
      const latest = latestByKey(rs);
      const keptOk = fetchedKept.every((p) => {
        const r = latest.get(`offset ${kept} ${topic} ${p.partition}`);
        return r?.kind === 'offset' && String(r.value?.offset) === p.offset;
      });
      const g = latest.get(`group ${kept}`);
      return keptOk && g?.kind === 'group' && g.value !== null && latest.get(`group ${deleted}`)?.value === null;
    });
  }, 120_000);

  it('refuses client writes to the topic and client deletes of its records', async () => {
    broker = await startGroupTestBroker();
    const kafka = new Kafka({ clientId: 'offsets-topic-writer', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
    const producer = kafka.producer();
    const admin = kafka.admin();
    await producer.connect();
    await admin.connect();
    try {
      await expect(producer.send({ topic: '__consumer_offsets', messages: [{ key: 'k', value: 'v' }] })).rejects.toThrow();
      await expect(admin.deleteTopicRecords({ topic: '__consumer_offsets', partitions: [{ partition: 0, offset: '-1' }] })).rejects.toThrow();
    } finally {
      await producer.disconnect();
      await admin.disconnect();
    }
    expect(broker.topics.partitions('__consumer_offsets').every((l) => l.highWatermark === 0n)).toBe(true);
  });
});
