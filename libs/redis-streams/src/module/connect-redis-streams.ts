import type { INestApplication } from '@nestjs/common';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { RedisStreamsServer } from '../server/redis-streams.server';

/**
 * Makes the service a hybrid app whose second transport is the Redis Streams server of
 * `RedisStreamsModule.forRoot`: Nest's listener pipeline registers the `@StreamEntries` handlers
 * with it, sharing the app's global pipes, guards, interceptors and filters
 * (`inheritAppConfig`). Call it before the app initialises (runService's `beforeInit`); runService
 * starts the connected transports once the app's modules are initialised and before the HTTP
 * listener opens, and `app.close()` closes them after `beforeApplicationShutdown`, before the
 * connections close in `onApplicationShutdown`.
 */
export function connectRedisStreams(app: INestApplication): void {
  app.connectMicroservice<MicroserviceOptions>({ strategy: app.get(RedisStreamsServer) }, { inheritAppConfig: true });
}
