/** Per-topic settings of a partition log (Kafka topic config names in comments). */
export interface LogConfig {
  /** segment.bytes: a segment rolls before it would grow past this. */
  segmentBytes: number;
  /** segment.ms: a segment rolls once its first batch is this old, so time retention can delete it. */
  segmentMs: number;
  /** retention.ms, -1 = forever. */
  retentionMs: number;
  /** retention.bytes per partition, -1 = unlimited. */
  retentionBytes: number;
  /** max.message.bytes: the largest batch accepted. */
  maxMessageBytes: number;
  /** index.interval.bytes: bytes between offset index entries. */
  indexIntervalBytes: number;
  /** message.timestamp.type. */
  logAppendTime: boolean;
  /** flush.ms when set on the topic: fsync at most this many ms after a write (0: before the write counts); unset = BROKER_LOG_FLUSH_INTERVAL_MS. */
  flushMs?: number;
}

/** Kafka's producer.id.expiration.ms default: idempotent producer state older than a day is dropped. */
export const PRODUCER_ID_EXPIRATION_MS = 24 * 60 * 60 * 1000;

/** Minimal structured logger (pino's call shape), so the log works with the app's logger or none. */
export interface StorageLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export const silentLogger: StorageLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };
