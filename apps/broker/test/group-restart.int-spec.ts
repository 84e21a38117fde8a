import { uniqueName, waitFor } from '@app/testing';
import { Kafka, logLevel } from 'kafkajs';
import { startGroupTestBroker, type GroupTestBroker } from './group-test-broker';
import { createTopicAndProduce } from './group-test-clients';

describe('broker restart under an active group', () => {
  let broker: GroupTestBroker;

  afterEach(async () => {
    await broker.stop();
  });

  it('brings the group back stable; members keep consuming from their committed offsets', async () => {
    broker = await startGroupTestBroker();
    const { port, dataDir } = broker;
    const topic = uniqueName('restart');
    const groupId = uniqueName('restart');
    await createTopicAndProduce(broker.bootstrap, topic, 2, ['before-0', 'before-1', 'before-2', 'before-3']);

    const kafka = new Kafka({ clientId: 'restart-test', brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1_000 } });
    const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 300, maxWaitTimeInMs: 200, retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 1_000 } });
    const seen: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(message.value!.toString()) });
    try {
      await waitFor(() => seen.length === 4, { timeoutMs: 20_000, what: 'messages before the restart' });
      // kafkajs commits what it has processed when its batch ends; wait until the broker has it.
      await waitFor(() => broker.coordinator.fetchOffsets(groupId, null).reduce((n, o) => n + Number(o.offset), 0) === 4, { timeoutMs: 20_000, what: 'commits' });
      const before = broker.coordinator.describeGroup(groupId);

      await broker.close();
      broker = await startGroupTestBroker({ dataDir, port });
      const restored = broker.coordinator.describeGroup(groupId);
      expect(restored).toMatchObject({ state: 'Stable', generationId: before.generationId, protocol: before.protocol });
      expect(restored.members.map((m) => m.memberId)).toEqual(before.members.map((m) => m.memberId));
      expect(broker.coordinator.fetchOffsets(groupId, null).map((o) => o.offset)).toEqual([2n, 2n]);

      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic, messages: [{ value: 'after-0', partition: 0 }, { value: 'after-1', partition: 1 }] });
      await producer.disconnect();
      await waitFor(() => seen.includes('after-0') && seen.includes('after-1'), { timeoutMs: 30_000, what: 'messages after the restart' });
      // Nothing committed before the restart was delivered again.
      expect(seen.filter((v) => v.startsWith('before-')).sort()).toEqual(['before-0', 'before-1', 'before-2', 'before-3']);
      expect(broker.coordinator.describeGroup(groupId).state).toBe('Stable');
    } finally {
      await consumer.disconnect();
    }
  });
});
