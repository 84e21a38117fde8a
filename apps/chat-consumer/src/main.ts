import { telemetry } from './telemetry';
import { runService } from '@app/platform';
import { chatConsumerService } from './service';

void runService({ ...chatConsumerService, afterStop: () => telemetry.shutdown() });
