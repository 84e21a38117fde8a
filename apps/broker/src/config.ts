import { commonEnv, ConfigOf, intVar, portVar, redisEnv, stringVar } from '@app/platform';
import { coordinatorEnv } from './coordinator/config/coordinator-config';
import { saslEnv } from './server/sasl/sasl-config';
import { storageEnv } from './storage/topics/storage-settings';

export const SERVICE_NAME = 'broker';

/** Every variable the broker reads; README.md documents each one. */
export const brokerEnv = {
  ...commonEnv(SERVICE_NAME),
  ...redisEnv,
  BROKER_PORT: portVar(9092),
  BROKER_HTTP_PORT: portVar(9644),
  BROKER_ADVERTISED_HOST: stringVar({ default: 'localhost', pattern: /^[A-Za-z0-9.\-_]+$/, expected: 'a host name or IP address' }),
  /** Kafka's socket.request.max.bytes: a larger request frame is refused and its connection closed. */
  BROKER_SOCKET_REQUEST_MAX_BYTES: intVar({ default: 100 * 1024 * 1024, min: 1024, max: 2_147_483_647 }),
  ...saslEnv,
  ...storageEnv,
  ...coordinatorEnv,
};

export type BrokerConfig = ConfigOf<typeof brokerEnv>;
