import { telemetry } from './telemetry';
import { runService } from '@app/platform';
import { monitorApiService } from './service';

void runService({ ...monitorApiService, afterStop: () => telemetry.shutdown() });
