export * from './redis.module';
export * from './log-connection-state';
