import { ConfigError, loadConfig } from '@app/platform';
import { liveEnv, liveFeedOptionsFrom } from './live-env';

const load = (env: Record<string, string>) => liveFeedOptionsFrom(loadConfig(liveEnv, env));

describe('live feed variables', () => {
  it('defaults to pushes every 10 s, bounded to 1–300 s, 1000 connections', () => {
    expect(load({})).toEqual({ minIntervalSeconds: 1, maxIntervalSeconds: 300, defaultIntervalSeconds: 10, maxConnections: 1000 });
  });

  it.each([
    [{ LIVE_INTERVAL_MIN_SECONDS: '30', LIVE_INTERVAL_MAX_SECONDS: '10' }, 'LIVE_INTERVAL_MAX_SECONDS', 'at least LIVE_INTERVAL_MIN_SECONDS (30)'],
    [{ LIVE_INTERVAL_MIN_SECONDS: '20' }, 'LIVE_INTERVAL_DEFAULT_SECONDS', 'from LIVE_INTERVAL_MIN_SECONDS (20) to LIVE_INTERVAL_MAX_SECONDS (300)'],
    [{ LIVE_INTERVAL_MAX_SECONDS: '5' }, 'LIVE_INTERVAL_DEFAULT_SECONDS', 'from LIVE_INTERVAL_MIN_SECONDS (1) to LIVE_INTERVAL_MAX_SECONDS (5)'],
  ])('refuses bounds that disagree: %j', (env, variable, expected) => {
    try {
      load(env);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).issues).toEqual([expect.objectContaining({ variable, expected })]);
    }
  });

  it('refuses values that are not whole seconds in range', () => {
    expect(() => loadConfig(liveEnv, { LIVE_INTERVAL_MIN_SECONDS: '0' })).toThrow('LIVE_INTERVAL_MIN_SECONDS="0": expected an integer from 1 to 3600');
    expect(() => loadConfig(liveEnv, { LIVE_MAX_CONNECTIONS: 'many' })).toThrow('LIVE_MAX_CONNECTIONS="many"');
  });
});
