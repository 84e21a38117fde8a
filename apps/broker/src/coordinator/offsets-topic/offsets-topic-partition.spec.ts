import { javaStringHashCode, offsetsTopicPartitionFor } from './offsets-topic-partition';

describe('offsetsTopicPartitionFor (Kafka: Utils.abs(groupId.hashCode) % offsets.topic.num.partitions)', () => {
  it.each([
    // Values of Java's String.hashCode: "hello" and the "Aa"/"BB" collision are the textbook ones.
    ['', 0],
    ['a', 97],
    ['hello', 99162322],
    ['Aa', 2112],
    ['BB', 2112],
    ['analytics', -1693017210],
    ['payments-consumer', -242238826],
    // A surrogate pair hashes as its two UTF-16 units, as in Java.
    ['group-\u{1F600}', 508083057],
  ])('hashes %j as Java does (%d)', (groupId, hash) => {
    expect(javaStringHashCode(groupId)).toBe(hash);
  });

  it.each([
    ['', 50, 0],
    ['a', 50, 47],
    ['hello', 50, 22],
    ['Aa', 50, 12],
    ['my-consumer-group', 50, 13],
    ['analytics', 50, 10],
    ['payments-consumer', 50, 26],
    ['pipeline-trigger-orders-1', 50, 29],
    ['pipeline-trigger-orders-1', 3, 2],
    ['group-\u{1F600}', 50, 7],
  ])('maps %j over %d partitions to %d', (groupId, partitions, expected) => {
    expect(offsetsTopicPartitionFor(groupId, partitions)).toBe(expected);
  });

  it('maps a hash of Integer.MIN_VALUE to partition 0, as Kafka\'s Utils.abs does', () => {
    // "polygenelubricants".hashCode() == Integer.MIN_VALUE; Math.abs would leave it negative.
    expect(javaStringHashCode('polygenelubricants')).toBe(-2147483648);
    expect(offsetsTopicPartitionFor('polygenelubricants', 50)).toBe(0);
    expect(offsetsTopicPartitionFor('polygenelubricants', 7)).toBe(0);
  });

  it('maps every group to a partition of the topic', () => {
    for (let i = 0; i < 1000; i++) {
      const p = offsetsTopicPartitionFor(`g-${i}-${'x'.repeat(i % 40)}`, 13);
      expect(Number.isInteger(p) && p >= 0 && p < 13).toBe(true);
    }
  });
});
