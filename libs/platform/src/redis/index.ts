export * from './redis.module';
export * from './log-connection-state';
export * from './redis-topology';
export * from './close-redis-connection';
