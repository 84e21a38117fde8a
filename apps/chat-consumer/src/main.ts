import { telemetry } from './telemetry';
import { runService } from '@app/platform';
import { AppModule } from './app.module';
import { chatConsumerEnv, SERVICE_NAME } from './config';

void runService({
  serviceName: SERVICE_NAME,
  env: chatConsumerEnv,
  module: (config, logger) => AppModule.forRoot(config, logger),
  httpPort: (config) => config.HTTP_PORT,
  afterStop: () => telemetry.shutdown(),
});
