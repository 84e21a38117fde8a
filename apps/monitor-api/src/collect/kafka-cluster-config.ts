import type { SASLOptions } from 'kafkajs';

/** One Kafka cluster monitor-api watches (from MONITOR_CLUSTERS_FILE, or `local` from KAFKA_BROKERS). */
export interface KafkaClusterConfig {
  clusterId: string;
  brokers: string[];
  ssl: boolean;
  sasl: SASLOptions | null;
}
