import { boolVar, commonEnv, ConfigOf, portVar, redisEnv, stringVar } from '@app/platform';

export const SERVICE_NAME = 'broker';

/** Every variable the broker reads; README.md documents each one. */
export const brokerEnv = {
  ...commonEnv(SERVICE_NAME),
  ...redisEnv,
  BROKER_PORT: portVar(9092),
  BROKER_HTTP_PORT: portVar(9644),
  BROKER_ADVERTISED_HOST: stringVar({ default: 'localhost', pattern: /^[A-Za-z0-9.\-_]+$/, expected: 'a host name or IP address' }),
  BROKER_DATA_DIR: stringVar({ default: './data/broker' }),
  BROKER_AUTO_CREATE_TOPICS: boolVar(true),
};

export type BrokerConfig = ConfigOf<typeof brokerEnv>;
