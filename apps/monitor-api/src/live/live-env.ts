import { ConfigError, ConfigOf, intVar } from '@app/platform';

/**
 * The WebSocket live feed's bounds. A client picks its push interval (`?interval=` seconds) within
 * these; below the minimum it would only re-send the same snapshot (the collector sweeps every few
 * seconds), above the maximum a dashboard would look frozen.
 */
export const liveEnv = {
  LIVE_INTERVAL_MIN_SECONDS: intVar({ default: 1, min: 1, max: 3600 }),
  LIVE_INTERVAL_MAX_SECONDS: intVar({ default: 300, min: 1, max: 3600 }),
  LIVE_INTERVAL_DEFAULT_SECONDS: intVar({ default: 10, min: 1, max: 3600 }),
  LIVE_MAX_CONNECTIONS: intVar({ default: 1000, min: 1, max: 100_000 }),
};

export interface LiveFeedOptions {
  minIntervalSeconds: number;
  maxIntervalSeconds: number;
  defaultIntervalSeconds: number;
  maxConnections: number;
}

/** The three interval variables are valid one by one but must also agree: min ≤ default ≤ max. */
export function liveFeedOptionsFrom(config: ConfigOf<typeof liveEnv>): LiveFeedOptions {
  const { LIVE_INTERVAL_MIN_SECONDS: min, LIVE_INTERVAL_MAX_SECONDS: max, LIVE_INTERVAL_DEFAULT_SECONDS: fallback } = config;
  if (min > max) {
    throw new ConfigError([{ variable: 'LIVE_INTERVAL_MAX_SECONDS', value: String(max), expected: `at least LIVE_INTERVAL_MIN_SECONDS (${min})` }]);
  }
  if (fallback < min || fallback > max) {
    throw new ConfigError([{ variable: 'LIVE_INTERVAL_DEFAULT_SECONDS', value: String(fallback), expected: `from LIVE_INTERVAL_MIN_SECONDS (${min}) to LIVE_INTERVAL_MAX_SECONDS (${max})` }]);
  }
  return { minIntervalSeconds: min, maxIntervalSeconds: max, defaultIntervalSeconds: fallback, maxConnections: config.LIVE_MAX_CONNECTIONS };
}
