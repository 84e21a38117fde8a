import { ConfigError, ConfigOf } from '@app/platform';
import type { KafkaClusterConfig } from '../collect/kafka-cluster-config';
import { REDIS_CLUSTER_ID } from '../collect/redis-collector';
import type { ThresholdConfig } from '../governance/thresholds';
import { nameSelected } from '../metrics/metrics-env';
import type { governanceEnv } from './governance-env';
import type { MonitorConfigFile } from './monitor-config-file';

export const LOCAL_CLUSTER_ID = 'local';

export interface GovernanceSettings {
  kafkaClusters: KafkaClusterConfig[];
  redisEnabled: boolean;
  defaultClusterId: string;
  thresholds: ThresholdConfig;
  /** Whether a group (Kafka or Redis, by name) is collected at all: COLLECT_GROUP_INCLUDE, then COLLECT_GROUP_EXCLUDE. */
  groupFilter: (groupId: string) => boolean;
}

/** Include first (unset includes all), then exclude wins, as for the metrics' group expressions. */
export function collectGroupFilter(include: RegExp | undefined, exclude: RegExp | undefined): (groupId: string) => boolean {
  return (groupId) => nameSelected(groupId, include, exclude);
}

/**
 * Clusters and thresholds from the environment and the optional file. Without clusters in the file there is
 * one Kafka cluster, `local`, on KAFKA_BROKERS; Redis Streams groups are the cluster `redis`.
 */
export function governanceSettings(config: ConfigOf<typeof governanceEnv> & { KAFKA_BROKERS: string[] }, file: MonitorConfigFile): GovernanceSettings {
  const kafkaClusters = file.clusters.length > 0 ? file.clusters : [{ clusterId: LOCAL_CLUSTER_ID, brokers: config.KAFKA_BROKERS, ssl: false, sasl: null }];
  const known = [...kafkaClusters.map((c) => c.clusterId), ...(config.REDIS_STREAMS_ENABLED ? [REDIS_CLUSTER_ID] : [])];
  const defaultClusterId = config.MONITOR_DEFAULT_CLUSTER ?? kafkaClusters[0].clusterId;
  if (!known.includes(defaultClusterId)) {
    throw new ConfigError([{ variable: 'MONITOR_DEFAULT_CLUSTER', value: defaultClusterId, expected: `one of the configured clusters (${known.join(', ')})` }]);
  }
  return {
    kafkaClusters,
    redisEnabled: config.REDIS_STREAMS_ENABLED,
    defaultClusterId,
    groupFilter: collectGroupFilter(config.COLLECT_GROUP_INCLUDE, config.COLLECT_GROUP_EXCLUDE),
    thresholds: {
      global: {
        slo_threshold_p95_lag_ms: config.SLO_THRESHOLD_P95_LAG,
        slo_threshold_lag_offsets: config.SLO_THRESHOLD_LAG_OFFSETS > 0 ? config.SLO_THRESHOLD_LAG_OFFSETS : null,
        slo_compliance_min: config.SLO_COMPLIANCE_MIN,
        rebalance_score_min: config.REBALANCE_SCORE_MIN,
        fairness_gini_max: config.FAIRNESS_GINI_MAX,
        stuck_detection_window_s: config.STUCK_DETECTION_WINDOW,
        lag_spike_factor: config.LAG_SPIKE_FACTOR,
        lag_spike_min_offsets: config.LAG_SPIKE_MIN_OFFSETS,
      },
      topics: file.topicThresholds,
      groups: file.groupThresholds,
    },
  };
}
