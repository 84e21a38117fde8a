import { chatEventStreams, CONSUMER_GROUPS, STREAMS } from '@app/domain';
import { ConfigOf, commonEnv, databaseEnv, intVar, nameListVar, optionalStringVar, portVar, redisEnv, stringVar } from '@app/platform';

export const SERVICE_NAME = 'chat-consumer';

const STREAM_NAME = /^[^\s,]+$/;

/** Every variable chat-consumer reads; README.md documents each one. */
export const chatConsumerEnv = {
  ...commonEnv(SERVICE_NAME),
  ...redisEnv,
  ...databaseEnv,
  HTTP_PORT: portVar(3003),
  CHAT_EVENT_STREAMS: nameListVar(chatEventStreams(), STREAM_NAME, 'a comma-separated list of stream names'),
  CHAT_DLQ_STREAM: stringVar({ default: STREAMS.chatDeadLetter, pattern: STREAM_NAME, expected: 'a stream name without spaces or commas' }),
  CONSUMER_GROUP: stringVar({ default: CONSUMER_GROUPS.chatPersistence, pattern: STREAM_NAME, expected: 'a group name without spaces or commas' }),
  CONSUMER_NAME: optionalStringVar({ pattern: /^[A-Za-z0-9._:-]+$/, expected: 'letters, digits, ".", "_", ":" or "-", or unset for <hostname>-<pid>' }),
  BATCH_SIZE: intVar({ default: 100, min: 1, max: 5_000 }),
  FLUSH_INTERVAL_MS: intVar({ default: 5_000, min: 1, max: 600_000 }),
  FLUSH_CONCURRENCY: intVar({ default: 4, min: 1, max: 16 }),
  CLAIM_MIN_IDLE_MS: intVar({ default: 60_000, min: 1, max: 86_400_000 }),
  CLAIM_INTERVAL_MS: intVar({ default: 15_000, min: 10, max: 3_600_000 }),
  MAX_DELIVERIES: intVar({ default: 5, min: 1, max: 1_000 }),
  RETRY_MAX_MS: intVar({ default: 30_000, min: 10, max: 600_000 }),
};

export type ChatConsumerConfig = ConfigOf<typeof chatConsumerEnv>;

/**
 * Settings that are valid one by one but not together. The reclaim idle time must stay well above
 * the time this process itself holds an entry (a flush window), or replicas steal each other's
 * batches (anchors: mastra-ai/mastra#23648).
 */
export function checkChatConsumerConfig(config: ChatConsumerConfig): void {
  if (config.CLAIM_MIN_IDLE_MS < 2 * config.FLUSH_INTERVAL_MS) {
    throw new Error(`CLAIM_MIN_IDLE_MS (${config.CLAIM_MIN_IDLE_MS}) must be at least twice FLUSH_INTERVAL_MS (${config.FLUSH_INTERVAL_MS})`);
  }
  if (config.CHAT_EVENT_STREAMS.includes(config.CHAT_DLQ_STREAM)) throw new Error(`CHAT_DLQ_STREAM (${config.CHAT_DLQ_STREAM}) must not be one of CHAT_EVENT_STREAMS`);
}
