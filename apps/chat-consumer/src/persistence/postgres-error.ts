/**
 * The SQLSTATE of a failed query when the server answered with an error (`pg`'s DatabaseError:
 * `code` and `severity`); undefined when it was never reached or the connection broke, whose
 * Node error codes (EPIPE...) are not SQLSTATEs even where they look like one.
 */
export function sqlState(error: unknown): string | undefined {
  const e = error as { code?: unknown; severity?: unknown } | null | undefined;
  const code = e?.code;
  return typeof e?.severity === 'string' && typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
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

/** The server's own message for a failed query. */
export function postgresMessage(error: unknown): string {
  const message = (error as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' ? message.trim() : String(error);
}
