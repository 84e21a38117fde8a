import { boolVar, ConfigOf, intVar, loadConfig, stringVar } from '@app/platform';

/** Environment of the group coordinator; defaults are Apache Kafka's broker defaults. */
export const coordinatorEnv = {
  BROKER_GROUP_MIN_SESSION_TIMEOUT_MS: intVar({ default: 6_000, min: 1 }),
  BROKER_GROUP_MAX_SESSION_TIMEOUT_MS: intVar({ default: 1_800_000, min: 1 }),
  BROKER_GROUP_INITIAL_REBALANCE_DELAY_MS: intVar({ default: 3_000, min: 0 }),
  BROKER_GROUP_MAX_SIZE: intVar({ default: 2_147_483_647, min: 1 }),
  /** How long a member that joined without an id, or joined and never completed, may take (Kafka's 5 minutes). */
  BROKER_GROUP_NEW_MEMBER_JOIN_TIMEOUT_MS: intVar({ default: 300_000, min: 1 }),
  BROKER_OFFSETS_RETENTION_MS: intVar({ default: 7 * 24 * 3_600_000, min: 1 }),
  BROKER_OFFSETS_RETENTION_CHECK_INTERVAL_MS: intVar({ default: 600_000, min: 1 }),
  BROKER_OFFSET_METADATA_MAX_BYTES: intVar({ default: 4_096, min: 0 }),
  /** fsync the group log before a commit or a group change is acknowledged. */
  BROKER_GROUP_LOG_FSYNC: boolVar(true),
  /** Rewrite the group log from live state once it holds this many times more records than live keys. */
  BROKER_GROUP_LOG_COMPACT_RATIO: intVar({ default: 4, min: 2 }),
  BROKER_GROUP_LOG_COMPACT_MIN_BYTES: intVar({ default: 16 * 1024 * 1024, min: 0 }),
  /** Kafka's offsets.topic.num.partitions: partitions of `__consumer_offsets` when it is created (fixed afterwards). */
  BROKER_OFFSETS_TOPIC_NUM_PARTITIONS: intVar({ default: 50, min: 1, max: 1_000_000 }),
  /** KIP-848 consumer groups (Kafka's group.consumer.*): a member not heard from for this long is removed. */
  BROKER_GROUP_CONSUMER_SESSION_TIMEOUT_MS: intVar({ default: 45_000, min: 1 }),
  /** How often consumer-protocol members are told to heartbeat; must be below the session timeout. */
  BROKER_GROUP_CONSUMER_HEARTBEAT_INTERVAL_MS: intVar({ default: 5_000, min: 1 }),
  /** Server-side assignors offered to consumer-protocol members, the default first (`uniform`, `range`). */
  BROKER_GROUP_CONSUMER_ASSIGNORS: stringVar({
    default: 'uniform,range',
    pattern: /^(uniform|range)(,(uniform|range))*$/,
    expected: 'a comma-separated list of uniform and range',
  }),
};

export type CoordinatorEnv = ConfigOf<typeof coordinatorEnv>;

export interface CoordinatorConfig {
  minSessionTimeoutMs: number;
  maxSessionTimeoutMs: number;
  initialRebalanceDelayMs: number;
  maxGroupSize: number;
  newMemberJoinTimeoutMs: number;
  offsetsRetentionMs: number;
  offsetsRetentionCheckIntervalMs: number;
  offsetMetadataMaxBytes: number;
  consumerSessionTimeoutMs: number;
  consumerHeartbeatIntervalMs: number;
  /** Names of the server-side assignors; the first is used when members name none. */
  consumerAssignors: readonly string[];
}

export function coordinatorConfigFrom(env: CoordinatorEnv): CoordinatorConfig {
  if (env.BROKER_GROUP_CONSUMER_HEARTBEAT_INTERVAL_MS >= env.BROKER_GROUP_CONSUMER_SESSION_TIMEOUT_MS) {
    // Kafka refuses the same: a member heartbeating on schedule would still expire.
    throw new Error(
      `BROKER_GROUP_CONSUMER_HEARTBEAT_INTERVAL_MS (${env.BROKER_GROUP_CONSUMER_HEARTBEAT_INTERVAL_MS}) must be below BROKER_GROUP_CONSUMER_SESSION_TIMEOUT_MS (${env.BROKER_GROUP_CONSUMER_SESSION_TIMEOUT_MS})`,
    );
  }
  return {
    minSessionTimeoutMs: env.BROKER_GROUP_MIN_SESSION_TIMEOUT_MS,
    maxSessionTimeoutMs: env.BROKER_GROUP_MAX_SESSION_TIMEOUT_MS,
    initialRebalanceDelayMs: env.BROKER_GROUP_INITIAL_REBALANCE_DELAY_MS,
    maxGroupSize: env.BROKER_GROUP_MAX_SIZE,
    newMemberJoinTimeoutMs: env.BROKER_GROUP_NEW_MEMBER_JOIN_TIMEOUT_MS,
    offsetsRetentionMs: env.BROKER_OFFSETS_RETENTION_MS,
    offsetsRetentionCheckIntervalMs: env.BROKER_OFFSETS_RETENTION_CHECK_INTERVAL_MS,
    offsetMetadataMaxBytes: env.BROKER_OFFSET_METADATA_MAX_BYTES,
    consumerSessionTimeoutMs: env.BROKER_GROUP_CONSUMER_SESSION_TIMEOUT_MS,
    consumerHeartbeatIntervalMs: env.BROKER_GROUP_CONSUMER_HEARTBEAT_INTERVAL_MS,
    consumerAssignors: [...new Set(env.BROKER_GROUP_CONSUMER_ASSIGNORS.split(','))],
  };
}

export function loadCoordinatorEnv(env: NodeJS.ProcessEnv = process.env): CoordinatorEnv {
  return loadConfig(coordinatorEnv, env);
}

export const DEFAULT_COORDINATOR_CONFIG: CoordinatorConfig = coordinatorConfigFrom(loadConfig(coordinatorEnv, {}));
