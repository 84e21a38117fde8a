import Redis, { Cluster, ClusterOptions, RedisOptions } from 'ioredis';
import { ConfigError } from '../config/config-error';
import type { ConfigOf } from '../config/load-config';
import type { redisEnv } from '../config/common-env';

/**
 * Where a service's Redis is: one node, the master a set of Sentinels points at (and follows
 * through failovers), or a Redis Cluster found from some of its nodes.
 */
export type RedisTopology =
  | { kind: 'single'; url: string }
  | { kind: 'sentinel'; sentinels: { host: string; port: number }[]; name: string; sentinelPassword: string | undefined; url: string }
  | { kind: 'cluster'; nodes: { host: string; port: number }[]; url: string };

/**
 * A connection as `createRedisClient` makes it. Both kinds take the same commands; what differs
 * is that a Cluster sends each command to the node owning its key's slot, so a command or script
 * naming keys of several slots fails there (CROSSSLOT), and keyless commands (PING, CLIENT ...)
 * go to any node.
 */
export type RedisClient = Redis | Cluster;

/** What `redisTopologyFrom` reads; `REDIS_CLUSTER_NODES` may be left out by callers that never name a cluster. */
export type RedisTopologyConfig = Omit<ConfigOf<typeof redisEnv>, 'REDIS_CLUSTER_NODES'> & { REDIS_CLUSTER_NODES?: string[] };

function hostPort(item: string): { host: string; port: number } {
  const at = item.lastIndexOf(':');
  return { host: item.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(item.slice(at + 1)) };
}

/**
 * With `REDIS_SENTINELS` set, the master is found through them; `REDIS_URL` then still gives the
 * master's credentials, database and TLS (`rediss:`), and its host is not used. The two Sentinel
 * variables only make sense together. With `REDIS_CLUSTER_NODES` set, the cluster is discovered
 * from those nodes, `REDIS_URL` again giving only credentials and TLS; a cluster has database 0
 * only, so a URL naming another one is refused rather than silently ignored. Sentinel and Cluster
 * are two different deployments: naming both is refused.
 */
export function redisTopologyFrom(config: RedisTopologyConfig): RedisTopology {
  const sentinels = config.REDIS_SENTINELS;
  const name = config.REDIS_SENTINEL_NAME;
  const clusterNodes = config.REDIS_CLUSTER_NODES ?? [];
  if (clusterNodes.length > 0) {
    if (sentinels.length > 0 || name !== undefined) {
      throw new ConfigError([
        {
          variable: 'REDIS_CLUSTER_NODES',
          value: clusterNodes.join(','),
          expected: `unset when REDIS_SENTINELS or REDIS_SENTINEL_NAME is set: Redis is one node (REDIS_URL), a Sentinel-managed master or a Cluster, not two of them`,
        },
      ]);
    }
    const db = new URL(config.REDIS_URL).pathname.slice(1);
    if (db !== '' && db !== '0') {
      throw new ConfigError([{ variable: 'REDIS_URL', value: config.REDIS_URL, expected: 'no database number other than 0 with REDIS_CLUSTER_NODES (a Redis Cluster has database 0 only)' }]);
    }
    return { kind: 'cluster', nodes: clusterNodes.map(hostPort), url: config.REDIS_URL };
  }
  if (sentinels.length === 0 && name === undefined) return { kind: 'single', url: config.REDIS_URL };
  if (sentinels.length === 0 || name === undefined) {
    throw new ConfigError([
      sentinels.length === 0
        ? { variable: 'REDIS_SENTINELS', value: undefined, expected: 'a comma-separated list of Sentinel host:port when REDIS_SENTINEL_NAME is set' }
        : { variable: 'REDIS_SENTINEL_NAME', value: undefined, expected: 'the master name the Sentinels monitor when REDIS_SENTINELS is set' },
    ]);
  }
  return { kind: 'sentinel', sentinels: sentinels.map(hostPort), name, sentinelPassword: config.REDIS_SENTINEL_PASSWORD, url: config.REDIS_URL };
}

/**
 * A connection to the topology's master. For one node the URL is handed to ioredis as it is; for
 * Sentinel, the URL's credentials, database and TLS apply to the master found through the
 * Sentinels, and the connection asks them again whenever it drops, so a promoted replica is found
 * without a restart. Redis 7 closes its clients when Sentinel demotes a master that is still up
 * (the planned-failover test sees it), but should a connection still reach a demoted node, its
 * READONLY answer reconnects and resends the command. ioredis's `failoverDetector` is left off:
 * its Sentinel subscriptions can outlive `quit()` and keep a stopping process alive (seen here).
 */
export function createRedisClient(topology: Exclude<RedisTopology, { kind: 'cluster' }>, extra?: RedisOptions): Redis;
export function createRedisClient(topology: RedisTopology, extra?: RedisOptions): RedisClient;
export function createRedisClient(topology: RedisTopology, extra: RedisOptions = {}): RedisClient {
  if (topology.kind === 'single') return new Redis(topology.url, extra);
  if (topology.kind === 'cluster') return createClusterClient(topology, extra);
  const url = new URL(topology.url);
  return new Redis({
    ...credentialsOf(url),
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0,
    // TLS to the master when the URL says rediss:; the Sentinels themselves are reached over plain TCP.
    ...(url.protocol === 'rediss:' ? { tls: {}, enableTLSForSentinelMode: true } : {}),
    sentinels: topology.sentinels,
    name: topology.name,
    sentinelPassword: topology.sentinelPassword,
    reconnectOnError: (error) => (error.message.startsWith('READONLY') ? 2 : false),
    ...extra,
  });
}

function credentialsOf(url: URL): Pick<RedisOptions, 'username' | 'password'> {
  return {
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
  };
}

/** Options ioredis takes on the Cluster itself rather than on each node's connection. */
const CLUSTER_LEVEL = ['lazyConnect', 'enableOfflineQueue', 'enableReadyCheck'] as const;

/**
 * `RedisOptions` as the cluster takes them: a few at cluster level, the rest (connection name,
 * retries per request, credentials, TLS) for the connection to every node.
 */
export function clusterOptionsFrom(options: RedisOptions): ClusterOptions {
  const redisOptions: RedisOptions = { ...options };
  const clusterOptions: ClusterOptions = {};
  for (const key of CLUSTER_LEVEL) {
    if (options[key] !== undefined) (clusterOptions as Record<string, unknown>)[key] = options[key];
    delete redisOptions[key];
  }
  return { ...clusterOptions, redisOptions };
}

/**
 * A Cluster client: the nodes listed are only where discovery starts, the slot map comes from
 * the cluster and is refreshed on MOVED and on a timer, so a failover or resharding needs no
 * restart. Sharded Pub/Sub (SSUBSCRIBE) gets one subscriber connection per master, each to the
 * node that owns the channel's slot (`shardedSubscribers`); without it ioredis sends SSUBSCRIBE
 * to one node and the others answer MOVED.
 */
function createClusterClient(topology: Extract<RedisTopology, { kind: 'cluster' }>, extra: RedisOptions): Cluster {
  const url = new URL(topology.url);
  const options = clusterOptionsFrom({ ...credentialsOf(url), ...(url.protocol === 'rediss:' ? { tls: {} } : {}), ...extra });
  return new Cluster(topology.nodes, {
    ...options,
    shardedSubscribers: true,
    // A node that lost its connection is tried again (replicas restarting, a failed master back as a replica).
    clusterRetryStrategy: (times) => Math.min(100 * times, 2_000),
  });
}

/**
 * A new connection to the same Redis as `client`, with `options` on top (connection name,
 * offline queue ...). For a Cluster, ioredis's own `duplicate(options)` would take the options
 * as the list of startup nodes and drop them, so they are split into cluster and node options.
 */
export function duplicateRedisClient(client: RedisClient, options: RedisOptions = {}): RedisClient {
  if (!(client instanceof Cluster)) return client.duplicate(options);
  const split = clusterOptionsFrom(options);
  return client.duplicate([], { ...split, redisOptions: { ...client.options.redisOptions, ...split.redisOptions } });
}

export function isCluster(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}
