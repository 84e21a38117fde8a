import { ConfigOf, commonEnv, portVar, redisEnv } from '@app/platform';

export const SERVICE_NAME = 'event-router';

/** Every variable event-router reads; README.md documents each one. */
export const eventRouterEnv = {
  ...commonEnv(SERVICE_NAME),
  ...redisEnv,
  HTTP_PORT: portVar(3001),
};

export type EventRouterConfig = ConfigOf<typeof eventRouterEnv>;
