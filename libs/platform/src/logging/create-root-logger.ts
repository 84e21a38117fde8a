import pino, { Logger } from 'pino';
import { LogLevel } from '../config/common-env';

/**
 * The one pino instance of a process: JSON lines on stdout with the service name on every line,
 * ISO timestamps and the level as a word, so `kubectl logs | jq` reads them without a lookup table.
 */
export function createRootLogger(service: string, level: LogLevel = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service, pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'req.query.access_token'],
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
