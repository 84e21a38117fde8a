/**
 * The SQLSTATE of a failed query, as Prisma's driver adapter reports it
 * (`meta.driverAdapterError.cause.originalCode`), or as `pg` does (`code`).
 */
export function sqlState(error: unknown): string | undefined {
  const e = error as { meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown } } }; code?: unknown; clientVersion?: unknown };
  const cause = e?.meta?.driverAdapterError?.cause;
  // A Prisma error's own `code` is Prisma's (P2010...), not a SQLSTATE, even where it looks like one.
  const code = cause ? (cause.originalCode ?? cause.code) : e?.clientVersion === undefined ? e?.code : undefined;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * Data exceptions (class 22) and integrity violations (class 23) are caused by the rows written:
 * retrying the same rows can never succeed. Anything else (connection refused or lost, shutdown,
 * serialization or deadlock, pool timeout) is worth retrying unchanged.
 */
export function isRowError(error: unknown): boolean {
  const state = sqlState(error);
  return state !== undefined && (state.startsWith('22') || state.startsWith('23'));
}

/** The server's own message for a failed query, without Prisma's multi-line invocation preamble. */
export function postgresMessage(error: unknown): string {
  const e = error as { meta?: { driverAdapterError?: { cause?: { originalMessage?: unknown; message?: unknown } } }; message?: unknown };
  const cause = e?.meta?.driverAdapterError?.cause;
  const message = cause?.originalMessage ?? cause?.message ?? e?.message;
  return typeof message === 'string' ? message.trim() : String(error);
}
