import type { RedisClient } from './redis-topology';

/**
 * QUIT lets Redis answer what was already sent; `disconnect()` afterwards also closes the
 * Sentinel failover detector's connections, which QUIT alone leaves open (ioredis 5.11: a
 * Sentinel client closed with only `quit()` keeps the process alive).
 */
export async function closeRedisConnection(redis: RedisClient): Promise<void> {
  await redis.quit().catch(() => undefined);
  redis.disconnect();
}
