import { STREAMS } from '@app/domain';
import { type ConfigOf, intVar, optionalIntVar, stringVar } from '@app/platform';

/** The counting engine's variables (README.md, "pipeline-trigger engine"). */
export const engineEnv = {
  // `{base}` of every consumer's Kafka group `{base}-{topic}[-{group_suffix}]`.
  PIPELINE_BASE_GROUP_ID: stringVar({ default: 'pipeline-trigger', pattern: /^[A-Za-z0-9._-]+$/, expected: 'letters, digits, ".", "_" or "-"' }),
  // The time threshold fires at most one interval after max_time.
  PIPELINE_TIMER_INTERVAL_MS: intVar({ default: 500, min: 10, max: 60_000 }),
  PIPELINE_TIMER_LEASE_TTL_MS: intVar({ default: 5_000, min: 100, max: 600_000 }),
  PIPELINE_OUTBOX_RESEND_AFTER_MS: intVar({ default: 5_000, min: 100, max: 3_600_000 }),
  // BullMQ key prefix; the braces are a Redis Cluster hash tag, so every key of the queue shares a slot.
  PIPELINE_QUEUE_PREFIX: stringVar({ default: '{bull}', pattern: /^\{[^{}\s]+\}$|^[^{}\s:]+:\{[^{}\s]+\}$/, expected: 'a prefix with a {hash tag}, e.g. {bull}' }),
  // Longer than any re-send of a closed window can happen, so BullMQ's job-id dedupe always holds.
  PIPELINE_JOB_RETENTION_SECONDS: intVar({ default: 7 * 24 * 3600, min: 60 }),
  PIPELINE_TRIGGERS_STREAM: stringVar({ default: STREAMS.pipelineTriggers, pattern: /^\S+$/, expected: 'a Redis key name without blanks' }),
  PIPELINE_TRIGGERS_MAXLEN: intVar({ default: 100_000, min: 100 }),
  PIPELINE_KAFKA_SESSION_TIMEOUT_MS: intVar({ default: 30_000, min: 1_000, max: 1_800_000 }),
  PIPELINE_GROUP_DELETE_WAIT_MS: intVar({ default: 10_000, min: 0, max: 600_000 }),
  // Replicas that must hold a batch's counts before its Kafka offsets are committed; unset: by topology
  // (replica-wait-settings.ts), so a Sentinel deployment is covered without a setting.
  REDIS_WAIT_REPLICAS: optionalIntVar({ min: 0, max: 100 }),
  // Never 0: WAIT 0 blocks until the replicas answer, and a consumer stuck there stops heartbeating.
  REDIS_WAIT_TIMEOUT_MS: intVar({ default: 1_000, min: 1, max: 60_000 }),
};

export type EngineConfig = ConfigOf<typeof engineEnv>;
