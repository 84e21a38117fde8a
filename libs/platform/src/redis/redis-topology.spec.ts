import { ConfigError } from '../config/config-error';
import { loadConfig } from '../config/load-config';
import { redisEnv } from '../config/common-env';
import { redisTopologyFrom } from './redis-topology';

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
});
