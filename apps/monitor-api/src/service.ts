import { API_AUTH_OPTIONS, ServiceDefinition } from '@app/platform';
import { AppModule } from './app.module';
import { answerAhead, cachedAnswers } from './api/cached-answers';
import { ResponseCache } from './api/response-cache';
import { monitorApiEnv, SERVICE_NAME } from './config';

/** monitor-api as `runService` starts it; main.ts adds the telemetry flush, tests start exactly this. */
export const monitorApiService: ServiceDefinition<typeof monitorApiEnv> = {
  serviceName: SERVICE_NAME,
  env: monitorApiEnv,
  module: (config, logger) => AppModule.forRoot(config, logger),
  httpPort: (config) => config.HTTP_PORT,
  // A fresh cached answer is sent before Express sees the request (api/cached-answers.ts says why).
  beforeInit: (app, logger) => answerAhead(app.getHttpServer(), cachedAnswers(app.get(ResponseCache), app.get(API_AUTH_OPTIONS), logger)),
};
