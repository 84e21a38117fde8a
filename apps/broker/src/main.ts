import './gc-tuning';
import { telemetry } from './telemetry';
import { runService } from '@app/platform';
import { AppModule } from './app.module';
import { brokerEnv, SERVICE_NAME } from './config';

void runService({
  serviceName: SERVICE_NAME,
  env: brokerEnv,
  module: (config, logger) => AppModule.forRoot(config, logger),
  httpPort: (config) => config.BROKER_HTTP_PORT,
  afterStop: () => telemetry.shutdown(),
});
