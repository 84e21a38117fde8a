import { ConfigOf, apiAuthEnv, commonEnv, databaseEnv, kafkaEnv, portVar, redisEnv } from '@app/platform';
import { liveEnv } from './live/live-env';
import { metricsEnv } from './metrics/metrics-env';
import { governanceEnv } from './settings/governance-env';

export const SERVICE_NAME = 'monitor-api';

/** Every variable monitor-api reads; README.md documents each one. */
export const monitorApiEnv = {
  ...commonEnv(SERVICE_NAME),
  ...redisEnv,
  ...databaseEnv,
  ...kafkaEnv,
  HTTP_PORT: portVar(3000),
  ...apiAuthEnv,
  ...liveEnv,
  ...metricsEnv,
  ...governanceEnv,
};

export type MonitorApiConfig = ConfigOf<typeof monitorApiEnv>;
