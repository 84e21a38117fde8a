import { startBrokerProcess, uniqueName, type BrokerProcess } from '@app/testing';
import { z } from 'zod';
import { ConsumeService, UndecodableMessageError, type UndecodableMessage } from '../src';

const orderSchema = z.object({ n: z.number().int() });

describe('ConsumeService against our broker', () => {
  let broker: BrokerProcess;
  const services: ConsumeService[] = [];

  beforeAll(async () => {
    broker = await startBrokerProcess();
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.close()));
    await broker.stop();
  });

  const service = (overrides: Partial<ConstructorParameters<typeof ConsumeService>[0]> = {}) => {
    const created = new ConsumeService({ kafka: broker.kafka, baseGroupId: uniqueName('batch'), drainWaitMs: 500, ...overrides });
    services.push(created);
    return created;
  };

  async function topicWith(values: (string | null)[], partitions = 2): Promise<string> {
    const topic = uniqueName('orders');
    const admin = broker.kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
    await admin.disconnect();
    const producer = broker.kafka.producer();
    await producer.connect();
    await producer.send({ topic, messages: values.map((value, i) => ({ key: `k${i}`, value })) });
    await producer.disconnect();
    return topic;
  }

  const orders = (from: number, count: number) => Array.from({ length: count }, (_, i) => JSON.stringify({ n: from + i }));

  it('returns up to max, fewer when drained, commits exactly what it returned, and a new instance resumes after it', async () => {
    const topic = await topicWith(orders(0, 25));
    const base = uniqueName('batch');
    const first = service({ baseGroupId: base });
    const a = await first.consumeMessagesAs(topic, 10, orderSchema);
    const b = await first.consumeMessagesAs(topic, 10, orderSchema);
    expect(a).toHaveLength(10);
    expect(b).toHaveLength(10);

    const admin = broker.kafka.admin();
    await admin.connect();
    const [committed] = await admin.fetchOffsets({ groupId: `${base}-${topic}`, topics: [topic] });
    expect(committed.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0)).toBe(20);
    await admin.disconnect();
    await first.close();

    const second = service({ baseGroupId: base });
    const rest = await second.consumeMessagesAs(topic, 10, orderSchema);
    expect(rest).toHaveLength(5);
    expect([...a, ...b, ...rest].map((o) => o.n).sort((x, y) => x - y)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(await second.consumeMessagesAs(topic, 10, orderSchema)).toEqual([]);
  });

  it('keeps independent offsets per suffix: a full re-index and an incremental job both read every message', async () => {
    const topic = await topicWith(orders(0, 12));
    const jobs = service();
    const full = await jobs.consumeMessagesWithGroup(topic, 100, 'full-index');
    const incremental = await jobs.consumeMessagesWithGroup(topic, 100, 'incremental');
    expect(full).toHaveLength(12);
    expect(incremental).toHaveLength(12);
    expect(await jobs.consumeMessagesWithGroup(topic, 100, 'full-index')).toEqual([]);
    expect(jobs.groupIdFor(topic, 'full-index')).toMatch(new RegExp(`-${topic}-full-index$`));
  });

  it('reports an undecodable message with topic, partition and offset, returns what decoded before it, and never commits past it', async () => {
    const topic = await topicWith([JSON.stringify({ n: 1 }), JSON.stringify({ n: 2 }), '{not json', JSON.stringify({ n: 4 })], 1);
    const jobs = service();
    expect(await jobs.consumeMessagesAs(topic, 10, orderSchema)).toEqual([{ n: 1 }, { n: 2 }]);
    const error = await jobs.consumeMessagesAs(topic, 10, orderSchema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UndecodableMessageError);
    expect((error as UndecodableMessageError).message_).toMatchObject({ topic, partition: 0, offset: '2' });
    // Still there on the next call: reported again, not skipped.
    await expect(jobs.consumeMessagesAs(topic, 10, orderSchema)).rejects.toThrow(`${topic}/0@2`);
  });

  it('with a handler, hands over a message failing its schema and goes on', async () => {
    const topic = await topicWith([JSON.stringify({ n: 1 }), JSON.stringify({ n: 'two' }), null, JSON.stringify({ n: 3 })], 1);
    const reports: UndecodableMessage[] = [];
    const jobs = service({ onUndecodable: (report) => void reports.push(report) });
    expect(await jobs.consumeMessagesAs(topic, 10, orderSchema)).toEqual([{ n: 1 }, { n: 3 }]);
    expect(reports.map((r) => [r.offset, r.reason])).toEqual([
      ['1', expect.stringContaining('n:')],
      ['2', expect.stringContaining('tombstone')],
    ]);
  });

  it('refuses a max that is not a positive integer', async () => {
    await expect(service().consumeMessages('any', 0)).rejects.toThrow(RangeError);
  });
});
