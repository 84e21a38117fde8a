import type { ServiceDefinition } from '@app/platform';
import { connectRedisStreams } from '@app/redis-streams';
import { AppModule } from './app.module';
import { eventRouterEnv, SERVICE_NAME } from './config';

/** event-router as `runService` starts it; main.ts adds the telemetry flush, tests start exactly this. */
export const eventRouterService: ServiceDefinition<typeof eventRouterEnv> = {
  serviceName: SERVICE_NAME,
  env: eventRouterEnv,
  module: (config, logger) => AppModule.forRoot(config, logger),
  httpPort: (config) => config.HTTP_PORT,
  // The ingest handlers run as a Nest transport beside the HTTP app (SSE, health, metrics).
  beforeInit: (app) => connectRedisStreams(app),
};
