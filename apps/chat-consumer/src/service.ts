import type { ServiceDefinition } from '@app/platform';
import { connectRedisStreams } from '@app/redis-streams';
import { AppModule } from './app.module';
import { chatConsumerEnv, SERVICE_NAME } from './config';

/** chat-consumer as `runService` starts it; main.ts adds the telemetry flush, tests start exactly this. */
export const chatConsumerService: ServiceDefinition<typeof chatConsumerEnv> = {
  serviceName: SERVICE_NAME,
  env: chatConsumerEnv,
  module: (config, logger) => AppModule.forRoot(config, logger),
  httpPort: (config) => config.HTTP_PORT,
  // The stream handlers run as a Nest transport beside the HTTP app (health, metrics).
  beforeInit: (app) => connectRedisStreams(app),
};
