import { Logger } from '@nestjs/common';
import type { StorageLogger } from '../log/log-config';

/** The storage layer's structured log calls, sent through Nest's logger (pino via nestjs-pino in the app). */
export function nestStorageLogger(context: string): StorageLogger {
  const logger = new Logger(context);
  return {
    info: (obj, msg) => logger.log(obj, msg),
    warn: (obj, msg) => logger.warn(obj, msg),
    error: (obj, msg) => logger.error(obj, msg),
  };
}
