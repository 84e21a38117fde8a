import { enumVar, hostPortListVar, intVar, optionalHostPortListVar, optionalStringVar, optionalUrlVar, stringVar, urlVar } from './env-vars';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The variables every service reads, with the same names everywhere (ARCHITECTURE.md). */
export function commonEnv(serviceName: string) {
  return {
    LOG_LEVEL: enumVar(LOG_LEVELS, 'info'),
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrlVar(['http:', 'https:']),
    SHUTDOWN_GRACE_PERIOD_MS: intVar({ default: 10_000, min: 0, max: 600_000 }),
    KAFKA_CLIENT_ID: stringVar({ default: serviceName, pattern: /^[A-Za-z0-9._-]+$/, expected: 'letters, digits, ".", "_" or "-"' }),
  };
}

/**
 * One Redis node by URL, a Sentinel-managed master (`REDIS_SENTINELS` + `REDIS_SENTINEL_NAME`), or
 * a Redis Cluster (`REDIS_CLUSTER_NODES`, some of its nodes to discover the rest from);
 * `redisTopologyFrom` turns them into a connection and refuses combinations that disagree.
 */
export const redisEnv = {
  REDIS_URL: urlVar({ default: 'redis://127.0.0.1:6379', protocols: ['redis:', 'rediss:'] }),
  REDIS_SENTINELS: optionalHostPortListVar(),
  REDIS_SENTINEL_NAME: optionalStringVar({ pattern: /^[A-Za-z0-9._-]+$/, expected: 'a master name (letters, digits, ".", "_" or "-"), or unset' }),
  REDIS_SENTINEL_PASSWORD: optionalStringVar(),
  REDIS_CLUSTER_NODES: optionalHostPortListVar(),
};

export const databaseEnv = {
  DATABASE_URL: urlVar({ default: 'postgresql://postgres@127.0.0.1:5432/streaming', protocols: ['postgresql:', 'postgres:'] }),
};

export const kafkaEnv = {
  KAFKA_BROKERS: hostPortListVar('localhost:9092'),
};
