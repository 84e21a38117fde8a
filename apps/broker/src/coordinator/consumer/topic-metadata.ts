/** What the consumer-group coordinator needs to know of topics: names, ids and partition counts. */
export interface TopicMetadata {
  /** Grows whenever a topic is created or deleted or gains partitions: subscriptions are re-resolved then. */
  readonly version: number;
  partitionCount(topic: string): number | undefined;
  topicNames(): Iterable<string>;
  /** KIP-516 topic id (UUID text) of a topic; ConsumerGroupHeartbeat names partitions by id. */
  topicId(topic: string): string | undefined;
  topicName(topicId: string): string | undefined;
}

/** Nest token of the TopicMetadata the coordinator module builds over the broker's topics. */
export const TOPIC_METADATA = Symbol('TOPIC_METADATA');

export const NO_TOPICS: TopicMetadata = {
  version: 0,
  partitionCount: () => undefined,
  topicNames: () => [],
  topicId: () => undefined,
  topicName: () => undefined,
};
