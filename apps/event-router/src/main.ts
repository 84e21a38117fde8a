import { telemetry } from './telemetry';
import { runService } from '@app/platform';
import { eventRouterService } from './service';

void runService({ ...eventRouterService, afterStop: () => telemetry.shutdown() });
