import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';

const QUIET_PATHS = ['/health/', '/metrics'];

/** The request as an access log line shows it (pino-http's wrapped request, its raw one under `raw`). */
interface SerializedRequest {
  id: unknown;
  method: string;
  url: string;
  remoteAddress?: string;
  headers?: Record<string, unknown>;
}

/**
 * What a request log carries: id, method, URL (a token in the query string replaced) and where it came from.
 * Not every header: serialising, redacting and writing all of them was a fifth of what monitor-api spent on a
 * cached API answer, and headers carry credentials the redaction list would have to keep up with.
 */
export function requestLogFields(req: SerializedRequest): Record<string, unknown> {
  return {
    id: req.id,
    method: req.method,
    url: req.url.replace(/([?&]access_token=)[^&]*/g, '$1[redacted]'),
    remote_address: req.remoteAddress,
    user_agent: req.headers?.['user-agent'],
  };
}

/** Routes Nest's own logging and every HTTP request log through the process's root pino logger. */
@Module({})
export class LoggingModule {
  static forRoot(logger: Logger): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            logger,
            autoLogging: { ignore: (req) => QUIET_PATHS.some((prefix) => (req.url ?? '').startsWith(prefix)) },
            quietReqLogger: true,
            serializers: { req: requestLogFields },
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
