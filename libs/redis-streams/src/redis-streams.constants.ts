/** Transport id: `@StreamEntries` handlers are registered with this transport's server only. */
export const REDIS_STREAMS_TRANSPORT = Symbol('REDIS_STREAMS_TRANSPORT');
