import type { Logger } from '@nestjs/common';
import { ErrorCode } from '@app/kafka-protocol';

/**
 * The Kafka error code for an error thrown by storage or the protocol library (both carry a numeric
 * `errorCode`); anything else is a bug or an I/O failure, logged and answered UNKNOWN_SERVER_ERROR.
 */
export function kafkaErrorCodeOf(err: unknown, logger: Logger, context: Record<string, unknown>): number {
  const code = (err as { errorCode?: unknown } | null)?.errorCode;
  if (typeof code === 'number') return code;
  logger.error({ ...context, err: err instanceof Error ? err.stack : String(err) }, 'unexpected error in a Kafka handler');
  return ErrorCode.UNKNOWN_SERVER_ERROR;
}

export function errorMessageOf(err: unknown): string | null {
  return err instanceof Error ? err.message : null;
}
