import { STREAMS } from '@app/domain';
import { boolVar, intVar, optionalStringVar, stringVar } from '@app/platform';
import { regexVar } from '../metrics/metrics-env';
import { decimalVar } from './decimal-var';

const KEY_PATTERN = /^\S+$/;

/**
 * Collection, snapshots, alerts and the global thresholds. Per-topic and per-group threshold overrides and
 * extra clusters (with SASL) live in the YAML file MONITOR_CONFIG_FILE; the environment holds the global values.
 */
export const governanceEnv = {
  MONITOR_CONFIG_FILE: optionalStringVar({ expected: 'a path to a YAML or JSON file, or unset' }),
  MONITOR_DEFAULT_CLUSTER: optionalStringVar({ pattern: /^[A-Za-z0-9._-]+$/, expected: 'a cluster id (letters, digits, ".", "_", "-"), or unset' }),
  SWEEP_INTERVAL_MS: intVar({ default: 10_000, min: 200, max: 3_600_000 }),
  SWEEP_CONCURRENCY: intVar({ default: 16, min: 1, max: 256 }),
  TOPIC_INFO_REFRESH_MS: intVar({ default: 60_000, min: 0, max: 86_400_000 }),
  SNAPSHOT_RETENTION_HOURS: intVar({ default: 168, min: 1, max: 24 * 366 }),
  END_OFFSET_HISTORY_POINTS: intVar({ default: 360, min: 2, max: 100_000 }),
  // Skipped groups are never read, stored or alerted on: on a big shared cluster a team pays only for its own.
  COLLECT_GROUP_INCLUDE: regexVar(),
  COLLECT_GROUP_EXCLUDE: regexVar(),
  REDIS_STREAMS_ENABLED: boolVar(true),
  REDIS_STREAM_PATTERN: stringVar({ default: '*', pattern: KEY_PATTERN, expected: 'a SCAN MATCH pattern without blanks' }),
  REDIS_MAX_STREAMS: intVar({ default: 10_000, min: 1, max: 1_000_000 }),
  GROUP_EVENTS_STREAM: stringVar({ default: STREAMS.groupEvents, pattern: KEY_PATTERN, expected: 'a Redis key name without blanks' }),
  GROUP_EVENTS_CLUSTER: stringVar({ default: 'local', pattern: /^[A-Za-z0-9._-]+$/, expected: 'a cluster id' }),
  ALERTS_STREAM: stringVar({ default: STREAMS.governanceAlerts, pattern: KEY_PATTERN, expected: 'a Redis key name without blanks' }),
  ALERTS_STREAM_MAXLEN: intVar({ default: 100_000, min: 100, max: 100_000_000 }),
  SLO_THRESHOLD_P95_LAG: intVar({ default: 1000, min: 1, max: 86_400_000 }),
  SLO_THRESHOLD_LAG_OFFSETS: intVar({ default: 0, min: 0, max: Number.MAX_SAFE_INTEGER }),
  SLO_COMPLIANCE_MIN: decimalVar({ default: 0.95, min: 0, max: 1 }),
  REBALANCE_SCORE_MIN: decimalVar({ default: 70, min: 0, max: 100 }),
  REBALANCE_WINDOW_SNAPSHOTS: intVar({ default: 30, min: 1, max: 10_000 }),
  REBALANCE_MAX: intVar({ default: 5, min: 1, max: 10_000 }),
  FAIRNESS_GINI_MAX: decimalVar({ default: 0.3, min: 0, max: 1 }),
  STUCK_DETECTION_WINDOW: intVar({ default: 300, min: 1, max: 86_400 }),
  LAG_SPIKE_FACTOR: decimalVar({ default: 2, min: 1, max: 1000 }),
  LAG_SPIKE_MIN_OFFSETS: intVar({ default: 1000, min: 0, max: Number.MAX_SAFE_INTEGER }),
};
