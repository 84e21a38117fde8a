import Redis, { RedisOptions } from 'ioredis';
import { ConfigError } from '../config/config-error';
import type { ConfigOf } from '../config/load-config';
import type { redisEnv } from '../config/common-env';

/** Where a service's Redis is: one node, or the master a set of Sentinels points at (and follows through failovers). */
export type RedisTopology =
  | { kind: 'single'; url: string }
  | { kind: 'sentinel'; sentinels: { host: string; port: number }[]; name: string; sentinelPassword: string | undefined; url: string };

function hostPort(item: string): { host: string; port: number } {
  const at = item.lastIndexOf(':');
  return { host: item.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(item.slice(at + 1)) };
}

/**
 * With `REDIS_SENTINELS` set, the master is found through them; `REDIS_URL` then still gives the
 * master's credentials, database and TLS (`rediss:`), and its host is not used. The two Sentinel
 * variables only make sense together.
 */
export function redisTopologyFrom(config: ConfigOf<typeof redisEnv>): RedisTopology {
  const sentinels = config.REDIS_SENTINELS;
  const name = config.REDIS_SENTINEL_NAME;
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
export function createRedisClient(topology: RedisTopology, extra: RedisOptions = {}): Redis {
  if (topology.kind === 'single') return new Redis(topology.url, extra);
  const url = new URL(topology.url);
  return new Redis({
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
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
