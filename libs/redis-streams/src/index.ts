export * from './interfaces/redis-streams-options.interface';
export * from './interfaces/stream-batch.interface';
export * from './events/redis-streams.events';
export * from './ctx-host/redis-streams.context';
export * from './server/redis-streams.server';
export * from './server/resolve-options';
export * from './helpers/consumer-name';
export * from './module/redis-streams.module';
export type { DeadLetterKind } from './server/triage-entries';
