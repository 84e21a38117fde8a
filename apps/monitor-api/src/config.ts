import { ConfigOf, commonEnv, databaseEnv, kafkaEnv, portVar, redisEnv } from '@app/platform';

export const SERVICE_NAME = 'monitor-api';

/** Every variable monitor-api reads; README.md documents each one. */
export const monitorApiEnv = {
  ...commonEnv(SERVICE_NAME),
  ...redisEnv,
  ...databaseEnv,
  ...kafkaEnv,
  HTTP_PORT: portVar(3000),
};

export type MonitorApiConfig = ConfigOf<typeof monitorApiEnv>;
