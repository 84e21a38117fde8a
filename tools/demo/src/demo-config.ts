import { chatEventStreams } from '@app/domain';
import { ConfigOf, commonEnv, intVar, kafkaEnv, loadConfig, nameListVar, optionalStringVar, redisEnv, stringVar, urlVar } from '@app/platform';

/**
 * Every variable the demo reads, with localhost defaults so `npm start` needs none. The names the
 * services also read (REDIS_URL, KAFKA_BROKERS, CHAT_EVENT_STREAMS, PIPELINE_QUEUE_PREFIX) mean the
 * same here, so one environment points the services and the demo at the same keys.
 */
export const demoEnv = {
  ...commonEnv('demo'),
  ...redisEnv,
  ...kafkaEnv,
  // Chat events per second over all shards, and Kafka records per second to DEMO_TOPIC.
  DEMO_RATE: intVar({ default: 20, min: 1, max: 100_000 }),
  // Prefix of everything the demo names (job ids, pipeline consumer ids, the stalling group), so a
  // test run and a developer's `npm start` on the same Redis never share a key.
  DEMO_NAME: stringVar({ default: 'demo', pattern: /^[A-Za-z0-9._-]{1,40}$/, expected: '1 to 40 letters, digits, ".", "_" or "-"' }),
  DEMO_TOPIC: stringVar({ default: 'demo-events', pattern: /^[A-Za-z0-9._-]{1,200}$/, expected: 'a Kafka topic name' }),
  DEMO_TOPIC_PARTITIONS: intVar({ default: 3, min: 1, max: 100 }),
  DEMO_MAX_EVENT: intVar({ default: 100, min: 1, max: 1_000_000 }),
  DEMO_MAX_TIME_S: intVar({ default: 10, min: 1, max: 3600 }),
  // Every Nth pipeline job fails (0: none), so the failed path is seen without randomness.
  DEMO_FAIL_EVERY: intVar({ default: 10, min: 0, max: 1_000_000 }),
  DEMO_STALL_AFTER_S: intVar({ default: 30, min: 0, max: 86_400 }),
  DEMO_STALL_FOR_S: intVar({ default: 90, min: 0, max: 86_400 }),
  DEMO_STALL_EVERY_S: intVar({ default: 300, min: 1, max: 86_400 }),
  CHAT_EVENT_STREAMS: nameListVar(chatEventStreams()),
  PIPELINE_API_URL: urlVar({ default: 'http://127.0.0.1:3002', protocols: ['http:', 'https:'] }),
  // The same variable scripts/verify/pipeline-trigger.sh reads; unset while API auth is off.
  PIPELINE_API_TOKEN: optionalStringVar(),
  PIPELINE_QUEUE_PREFIX: stringVar({ default: '{bull}', pattern: /^\{[^{}\s]+\}$|^[^{}\s:]+:\{[^{}\s]+\}$/, expected: 'a prefix with a {hash tag}, e.g. {bull}' }),
};

export type DemoConfig = ConfigOf<typeof demoEnv>;

export function loadDemoConfig(env: NodeJS.ProcessEnv = process.env): DemoConfig {
  return loadConfig(demoEnv, env);
}
