import { ConfigError } from '../config/config-error';
import { loadConfig } from '../config/load-config';
import { redisEnv } from '../config/common-env';
import { Cluster } from 'ioredis';
import { clusterOptionsFrom, createRedisClient, redisTopologyFrom } from './redis-topology';

const topologyOf = (env: Record<string, string>) => redisTopologyFrom(loadConfig(redisEnv, env));

describe('redisTopologyFrom', () => {
  it('is one node by REDIS_URL unless Sentinels are named', () => {
    expect(topologyOf({})).toEqual({ kind: 'single', url: 'redis://127.0.0.1:6379' });
  });

  it('finds the master through the Sentinels, keeping REDIS_URL for credentials', () => {
    expect(topologyOf({ REDIS_URL: 'redis://:secret@ignored:6379/2', REDIS_SENTINELS: 'rfs-a:26379, [::1]:26380', REDIS_SENTINEL_NAME: 'mymaster', REDIS_SENTINEL_PASSWORD: 'sp' })).toEqual({
      kind: 'sentinel',
      sentinels: [
        { host: 'rfs-a', port: 26379 },
        { host: '::1', port: 26380 },
      ],
      name: 'mymaster',
      sentinelPassword: 'sp',
      url: 'redis://:secret@ignored:6379/2',
    });
  });

  it.each([
    [{ REDIS_SENTINELS: 'rfs-a:26379' }, 'REDIS_SENTINEL_NAME'],
    [{ REDIS_SENTINEL_NAME: 'mymaster' }, 'REDIS_SENTINELS'],
  ])('refuses half a Sentinel configuration (%j), naming the missing variable', (env, missing) => {
    expect(() => topologyOf(env)).toThrow(ConfigError);
    try {
      topologyOf(env);
    } catch (error) {
      expect((error as ConfigError).issues.map((issue) => issue.variable)).toEqual([missing]);
    }
  });

  it('refuses a Sentinel list that is not host:port', () => {
    expect(() => loadConfig(redisEnv, { REDIS_SENTINELS: 'rfs-a' })).toThrow('REDIS_SENTINELS="rfs-a": expected a comma-separated list of host:port, or unset');
  });

  it('is a cluster by REDIS_CLUSTER_NODES, keeping REDIS_URL for credentials and TLS', () => {
    expect(topologyOf({ REDIS_URL: 'rediss://:secret@ignored:6379', REDIS_CLUSTER_NODES: 'redis-0:7000, redis-1.redis:7001,[::1]:7002' })).toEqual({
      kind: 'cluster',
      nodes: [
        { host: 'redis-0', port: 7000 },
        { host: 'redis-1.redis', port: 7001 },
        { host: '::1', port: 7002 },
      ],
      url: 'rediss://:secret@ignored:6379',
    });
  });

  it.each(['redis-0', 'redis-0:7000;redis-1:7001', 'redis-0:70000', 'redis-0:7000,', 'redis://redis-0:7000'])('refuses a cluster node list that is not host:port (%s), naming REDIS_CLUSTER_NODES', (raw) => {
    expect(() => loadConfig(redisEnv, { REDIS_CLUSTER_NODES: raw })).toThrow(`invalid configuration: REDIS_CLUSTER_NODES=${JSON.stringify(raw)}: expected a comma-separated list of host:port, or unset`);
  });

  it.each<Record<string, string>>([{ REDIS_SENTINELS: 'rfs-a:26379', REDIS_SENTINEL_NAME: 'mymaster' }, { REDIS_SENTINEL_NAME: 'mymaster' }, { REDIS_SENTINELS: 'rfs-a:26379' }])(
    'refuses a cluster and Sentinel settings together (%j)',
    (sentinel) => {
      expect(() => topologyOf({ REDIS_CLUSTER_NODES: 'redis-0:7000', ...sentinel })).toThrow(/^invalid configuration: REDIS_CLUSTER_NODES="redis-0:7000": expected unset when REDIS_SENTINELS or REDIS_SENTINEL_NAME is set/);
    },
  );

  it('refuses a database number on a cluster, which has database 0 only', () => {
    expect(() => topologyOf({ REDIS_URL: 'redis://h:6379/2', REDIS_CLUSTER_NODES: 'redis-0:7000' })).toThrow('invalid configuration: REDIS_URL="redis://h:6379/2": expected no database number other than 0 with REDIS_CLUSTER_NODES');
    expect(topologyOf({ REDIS_URL: 'redis://h:6379/0', REDIS_CLUSTER_NODES: 'redis-0:7000' }).kind).toBe('cluster');
  });
});

describe('createRedisClient', () => {
  it('makes a Cluster for a cluster topology, the URL credentials going to every node connection', () => {
    const client = createRedisClient({ kind: 'cluster', nodes: [{ host: '127.0.0.1', port: 1 }], url: 'redis://app:p%40ss@ignored:6379' }, { lazyConnect: true, connectionName: 'svc' });
    try {
      expect(client).toBeInstanceOf(Cluster);
      const { options } = client as Cluster;
      expect(options.lazyConnect).toBe(true);
      expect(options.redisOptions).toMatchObject({ username: 'app', password: 'p@ss', connectionName: 'svc' });
    } finally {
      client.disconnect();
    }
  });

  it('splits connection options into the cluster\'s and each node\'s', () => {
    expect(clusterOptionsFrom({ lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectionName: 'x' })).toEqual({
      lazyConnect: true,
      enableOfflineQueue: false,
      redisOptions: { maxRetriesPerRequest: 0, connectionName: 'x' },
    });
  });
});
