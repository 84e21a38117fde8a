import { ConfigOf, commonEnv, databaseEnv, portVar, redisEnv } from '@app/platform';

export const SERVICE_NAME = 'chat-consumer';

/** Every variable chat-consumer reads; README.md documents each one. */
export const chatConsumerEnv = {
  ...commonEnv(SERVICE_NAME),
  ...redisEnv,
  ...databaseEnv,
  HTTP_PORT: portVar(3003),
};

export type ChatConsumerConfig = ConfigOf<typeof chatConsumerEnv>;
