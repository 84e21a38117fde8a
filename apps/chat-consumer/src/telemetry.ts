import { startTelemetry } from '@app/telemetry';

/** Imported first by main.ts: instrumentations patch modules as they load, so tracing starts before anything else is required. */
export const telemetry = startTelemetry('chat-consumer');
