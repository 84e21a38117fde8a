import { API_AUTH_OPTIONS, ServiceDefinition } from '@app/platform';
import { AppModule } from './app.module';
import { cachedAnswers } from './api/cached-answers.middleware';
import { ResponseCache } from './api/response-cache';
import { monitorApiEnv, SERVICE_NAME } from './config';

/** monitor-api as `runService` starts it; main.ts adds the telemetry flush, tests start exactly this. */
export const monitorApiService: ServiceDefinition<typeof monitorApiEnv> = {
  serviceName: SERVICE_NAME,
  env: monitorApiEnv,
  module: (config, logger) => AppModule.forRoot(config, logger),
  httpPort: (config) => config.HTTP_PORT,
  beforeInit: (app, logger) => app.use(cachedAnswers(app.get(ResponseCache), app.get(API_AUTH_OPTIONS), logger)),
};
