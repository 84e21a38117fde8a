import type { RedisClient } from './redis-topology';
import type { Logger } from 'pino';

/**
 * ioredis emits an error on every reconnect attempt; an operator needs one line when the
 * connection is lost and one when it is back, not a line per retry.
 */
export function logConnectionState(redis: RedisClient, logger: Logger, name: string): void {
  let down = false;
  redis.on('error', (error: Error) => {
    if (!down) {
      down = true;
      logger.warn({ connection: name, err: error.message }, 'redis connection lost, retrying');
    }
  });
  redis.on('ready', () => {
    if (down) {
      down = false;
      logger.info({ connection: name }, 'redis connection restored');
    }
  });
}
