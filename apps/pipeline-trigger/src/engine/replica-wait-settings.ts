import { ConfigError, type RedisTopology } from '@app/platform';
import type { EngineConfig } from './engine-env';

export interface ReplicaWaitSettings {
  /** Replicas that must acknowledge before offsets are committed or a window is enqueued; 0: no WAIT. */
  replicas: number;
  timeoutMs: number;
}

type WaitConfig = Pick<EngineConfig, 'REDIS_WAIT_REPLICAS' | 'REDIS_WAIT_TIMEOUT_MS' | 'PIPELINE_KAFKA_SESSION_TIMEOUT_MS'>;

/**
 * `REDIS_WAIT_REPLICAS` unset: 1 behind Sentinel, whose failover is what loses unreplicated writes, and
 * 0 on one node (there may be no replica at all). A Cluster is refused anything but 0: the guard relies
 * on seeing the one connection the window script ran on drop and come back (a WAIT resent on a fresh
 * connection counts none of the old one's writes), and a Cluster's per-node connections are not
 * observable that way through ioredis.
 */
export function replicaWaitSettings(config: WaitConfig, topology: RedisTopology['kind']): ReplicaWaitSettings {
  const given = config.REDIS_WAIT_REPLICAS;
  const replicas = given ?? (topology === 'sentinel' ? 1 : 0);
  const issues = [];
  if (topology === 'cluster' && replicas > 0) {
    issues.push({ variable: 'REDIS_WAIT_REPLICAS', value: String(given), expected: '0 or unset with REDIS_CLUSTER_NODES (waiting for replicas is not supported on a Redis Cluster)' });
  }
  // The WAIT blocks the consumer between heartbeats; as long as the session, the group would drop it.
  if (replicas > 0 && config.REDIS_WAIT_TIMEOUT_MS * 2 > config.PIPELINE_KAFKA_SESSION_TIMEOUT_MS) {
    issues.push({
      variable: 'REDIS_WAIT_TIMEOUT_MS',
      value: String(config.REDIS_WAIT_TIMEOUT_MS),
      expected: `at most half of PIPELINE_KAFKA_SESSION_TIMEOUT_MS (${config.PIPELINE_KAFKA_SESSION_TIMEOUT_MS}), so a consumer waiting for replicas still heartbeats in time`,
    });
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return { replicas, timeoutMs: config.REDIS_WAIT_TIMEOUT_MS };
}
