import { isInternalTopic, parsePartitionDirName, partitionDirName, topicNameProblem } from './topic-name';

describe('topic names', () => {
  it('accepts Kafka-legal names and explains illegal ones', () => {
    for (const ok of ['a', 'orders.v1', 'my_topic-2', '__consumer_offsets', 'x'.repeat(249)]) expect(topicNameProblem(ok)).toBeUndefined();
    for (const bad of ['', '.', '..', 'a b', 'ä', 'a/b', 'x'.repeat(250), 42]) expect(topicNameProblem(bad)).toEqual(expect.any(String));
  });

  it('treats __consumer_offsets and every other __-prefixed name as internal, and only those', () => {
    for (const internal of ['__consumer_offsets', '__transaction_state', '__anything']) expect(isInternalTopic(internal)).toBe(true);
    for (const user of ['consumer_offsets', '_single', 'a__b', 'orders']) expect(isInternalTopic(user)).toBe(false);
  });

  it('maps partitions to directories and back, splitting at the last dash', () => {
    expect(partitionDirName('a-1', 0)).toBe('a-1-0');
    expect(parsePartitionDirName('a-1-0')).toEqual({ topic: 'a-1', partition: 0 });
    expect(parsePartitionDirName('orders-12')).toEqual({ topic: 'orders', partition: 12 });
    expect(parsePartitionDirName('orders')).toBeUndefined();
    expect(parsePartitionDirName('bad name-1')).toBeUndefined();
  });
});
