import { consumerGroupId } from './group-id';

describe('consumerGroupId', () => {
  it.each([
    ['my-batch-consumer', 'spent_detail_topic', undefined, 'my-batch-consumer-spent_detail_topic'],
    ['my-batch-consumer', 'spent_detail_topic', '', 'my-batch-consumer-spent_detail_topic'],
    ['my-batch-consumer', 'spent_detail_topic', 'full-index', 'my-batch-consumer-spent_detail_topic-full-index'],
    ['my-batch-consumer', 'spent_detail_topic', 'incremental', 'my-batch-consumer-spent_detail_topic-incremental'],
  ])('%s + %s + %s → %s', (base, topic, suffix, expected) => {
    expect(consumerGroupId(base, topic, suffix)).toBe(expected);
  });

  it('refuses an empty base or topic instead of naming a group "-topic"', () => {
    expect(() => consumerGroupId('', 't')).toThrow(/base group id/);
    expect(() => consumerGroupId('b', '')).toThrow(/topic/);
  });
});
