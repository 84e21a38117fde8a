import { boolVar, ConfigOf, enumVar, intVar, loadConfig, stringVar } from '@app/platform';
import { LogConfig } from '../log/log-config';

/** Broker-wide storage settings. */
export interface StorageSettings {
  dataDir: string;
  /** 0 = fsync every write at once (acks=-1 waits for it); otherwise at most this many ms after a write. */
  flushIntervalMs: number;
  autoCreateTopics: boolean;
  defaultPartitions: number;
  maxPartitionsPerTopic: number;
  retentionCheckIntervalMs: number;
  /** Defaults for topic configs not set on the topic. */
  defaults: LogConfig;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const INT32_MAX = 0x7fffffff;

/** The storage's environment variables, validated at start with the rest of the broker's config. */
export const storageEnv = {
  BROKER_DATA_DIR: stringVar({ default: './data/broker' }),
  BROKER_AUTO_CREATE_TOPICS: boolVar(true),
  BROKER_LOG_FLUSH_INTERVAL_MS: intVar({ default: 0, min: 0, max: INT32_MAX }),
  BROKER_DEFAULT_PARTITIONS: intVar({ default: 1, min: 1, max: 100_000 }),
  BROKER_MAX_PARTITIONS_PER_TOPIC: intVar({ default: 1000, min: 1, max: 100_000 }),
  BROKER_LOG_RETENTION_CHECK_INTERVAL_MS: intVar({ default: 60_000, min: 10, max: INT32_MAX }),
  BROKER_LOG_SEGMENT_BYTES: intVar({ default: 1 << 30, min: 14, max: INT32_MAX }),
  BROKER_LOG_SEGMENT_MS: intVar({ default: 7 * DAY_MS, min: 1 }),
  BROKER_LOG_RETENTION_MS: intVar({ default: 7 * DAY_MS, min: -1 }),
  BROKER_LOG_RETENTION_BYTES: intVar({ default: -1, min: -1 }),
  BROKER_MESSAGE_MAX_BYTES: intVar({ default: 1_048_588, min: 0, max: INT32_MAX }),
  BROKER_LOG_INDEX_INTERVAL_BYTES: intVar({ default: 4096, min: 0, max: INT32_MAX }),
  BROKER_LOG_MESSAGE_TIMESTAMP_TYPE: enumVar(['CreateTime', 'LogAppendTime'], 'CreateTime'),
};

export type StorageConfig = ConfigOf<typeof storageEnv>;

/** The storage settings for a parsed configuration (the app passes its own, validated once at start). */
export function storageSettingsFrom(config: StorageConfig): StorageSettings {
  return {
    dataDir: config.BROKER_DATA_DIR,
    flushIntervalMs: config.BROKER_LOG_FLUSH_INTERVAL_MS,
    autoCreateTopics: config.BROKER_AUTO_CREATE_TOPICS,
    defaultPartitions: config.BROKER_DEFAULT_PARTITIONS,
    maxPartitionsPerTopic: config.BROKER_MAX_PARTITIONS_PER_TOPIC,
    retentionCheckIntervalMs: config.BROKER_LOG_RETENTION_CHECK_INTERVAL_MS,
    defaults: {
      segmentBytes: config.BROKER_LOG_SEGMENT_BYTES,
      segmentMs: config.BROKER_LOG_SEGMENT_MS,
      retentionMs: config.BROKER_LOG_RETENTION_MS,
      retentionBytes: config.BROKER_LOG_RETENTION_BYTES,
      maxMessageBytes: config.BROKER_MESSAGE_MAX_BYTES,
      indexIntervalBytes: config.BROKER_LOG_INDEX_INTERVAL_BYTES,
      logAppendTime: config.BROKER_LOG_MESSAGE_TIMESTAMP_TYPE === 'LogAppendTime',
    },
  };
}

/**
 * Settings from an environment map, for scripts and tests that drive the storage classes without
 * the app. Throws the platform's ConfigError (naming every bad variable) on malformed values.
 */
export function storageSettingsFromEnv(env: NodeJS.ProcessEnv): StorageSettings {
  return storageSettingsFrom(loadConfig(storageEnv, env));
}
